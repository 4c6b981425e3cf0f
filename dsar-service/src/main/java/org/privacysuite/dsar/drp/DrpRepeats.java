package org.privacysuite.dsar.drp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.dsar.domain.RequestStatus;
import org.privacysuite.dsar.domain.RequestType;
import org.privacysuite.dsar.service.AuditTrail;
import org.privacysuite.events.catalogue.ObjectionScope;

/**
 * An agent sending the same request again (same action, same person) while its first is open gets that request,
 * as the web intake does. Only the agent's own requests count: a request is managed by one agent (2.02), so another
 * agent's or the web form's cannot be handed to it.
 */
@ApplicationScoped
public class DrpRepeats {

    private static final List<RequestStatus> OPEN = List.of(RequestStatus.UNVERIFIED, RequestStatus.PENDING_APPROVAL,
            RequestStatus.IN_PROGRESS, RequestStatus.STALLED);

    @Inject
    AuditTrail audit;

    Optional<DrpRequest> openOf(DrpAgent agent, RequestType type, ObjectionScope objection, String email) {
        if (!type.repeatsAsDuplicate()) {
            return Optional.empty();
        }
        return DrpRequest.<DrpRequest>find("select d from DrpRequest d, PrivacyRequest r where r.id = d.requestId"
                + " and d.agentId = ?1 and d.revokedAt is null and r.email = ?2 and r.type = ?3 and r.status in ?4"
                + " and (r.objectionScope = ?5 or r.objectionScope is null) order by r.receivedAt",
                agent.id, email.trim().toLowerCase(java.util.Locale.ROOT), type, OPEN, objection).firstResultOptional();
    }

    DrpDtos.ExerciseStatus answer(DrpRequest drp, String actor, String exercise) {
        PrivacyRequest request = PrivacyRequest.findById(drp.requestId);
        audit.note(request, actor, "repeated", "Data Rights Protocol " + exercise
                + " sent again for the same person; answered with this request");
        return DrpMapping.exerciseStatus(request, drp);
    }
}
