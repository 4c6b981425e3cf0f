package org.privacysuite.dsar.drp;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.commons.security.Roles;
import org.privacysuite.dsar.domain.PrivacyRequest;

/** Officers see which agent submitted a request, what it asked, and whether its status callbacks got through. */
@Tag(name = "Authorised agents")
@Path("/api/privacy-requests/{id}/drp")
@RolesAllowed(Roles.PRIVACY_OFFICER)
@Produces(MediaType.APPLICATION_JSON)
public class DrpRequestResource {

    @Inject
    DrpStatusJson statusJson;

    @Operation(summary = "Get a request's DRP details", description = "For a request an agent submitted: the "
            + "agent, what it asked under which regime, the Exercise Status it is told, and whether the status "
            + "callbacks got through. Privacy officers only.")
    @GET
    @Transactional
    public DrpDtos.RequestView get(@PathParam("id") @Pattern(regexp = PrivacyRequest.ID_PATTERN) String id) {
        DrpRequest drp = DrpRequest.findById(id);
        if (drp == null) {
            throw ProblemException.notFound("A Data Rights Protocol request " + id);
        }
        DrpAgent agent = DrpAgent.findById(drp.agentId);
        DrpDtos.ExerciseStatus status = DrpMapping.exerciseStatus(PrivacyRequest.findById(id), drp);
        return new DrpDtos.RequestView(id, drp.agentId, agent == null ? null : agent.name, drp.agentRequestId,
                drp.exercise, drp.regime, drp.drpVersion, drp.statusCallback, DrpMapping.iso(drp.revokedAt),
                drp.revokeReason, status, callback(drp, status));
    }

    private DrpDtos.CallbackView callback(DrpRequest drp, DrpDtos.ExerciseStatus status) {
        if (drp.statusCallback == null) {
            return new DrpDtos.CallbackView("none", 0, null, null, null);
        }
        DrpCallback row = DrpCallback.findById(drp.requestId);
        if (row == null || row.givenUpAt == null && statusJson.fingerprint(status).equals(drp.deliveredState)) {
            return new DrpDtos.CallbackView("delivered", 0, null, null, null);
        }
        return new DrpDtos.CallbackView(row.givenUpAt != null ? "given-up" : "pending", row.attempts, row.lastError,
                row.givenUpAt != null ? null : DrpMapping.iso(row.nextAttemptAt), DrpMapping.iso(row.givenUpAt));
    }
}
