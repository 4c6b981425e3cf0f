package org.privacysuite.dsar.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.privacysuite.commons.security.Roles;
import java.util.List;
import org.privacysuite.dsar.domain.AuditEntry;
import org.privacysuite.dsar.service.AuditChain;
import org.privacysuite.dsar.service.OfficerActions;
import org.privacysuite.dsar.service.ParticipantReasks;
import org.privacysuite.dsar.service.QueueSummary;

/** The officers' actions on a request, and what only they read: the queue's figures, the audit trail. */
@Tag(name = "Privacy officer actions", description = "What a privacy officer does with a request: approve, deny, "
        + "extend, reply, close, ask a service again; and reads: the queue's figures, a request's audit trail and "
        + "its verification.")
@Path("/api/privacy-requests")
@RolesAllowed(Roles.PRIVACY_OFFICER)
@Produces(MediaType.APPLICATION_JSON)
public class OfficerResource {

    @Inject
    OfficerActions actions;

    @Inject
    ParticipantReasks reasks;

    @Inject
    RequestDtos dtos;

    @Inject
    SecurityIdentity identity;

    @Inject
    QueueSummary summaries;

    @Inject
    AuditChain auditChain;

    /** Asks one participant again: after a failure, a deferral without a date, or silence (audited). */
    @Operation(summary = "Ask a participant again", description = "Asks one participating service again for its "
            + "part of the request, after a failure, a deferral without a date, or silence; audited.")
    @POST
    @Path("/{id}/participants/{service}/reask")
    public RequestDto reask(@PathParam("id") @Pattern(regexp = PrivacyRequestResource.ID) String id,
            @PathParam("service") @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,99}") String service) {
        return dtos.full(reasks.byOfficer(id, service, officer()));
    }

    @Operation(summary = "Approve a request", description = "Approves a verified request: the participating "
            + "services are asked to fulfil it.")
    @POST
    @Path("/{id}/approve")
    public RequestDto approve(@PathParam("id") @Pattern(regexp = PrivacyRequestResource.ID) String id) {
        return dtos.full(actions.approve(id, officer()));
    }

    @Operation(summary = "Deny a request", description = "Denies the request with the reason the requester is "
            + "told.")
    @POST
    @Path("/{id}/deny")
    @Consumes(MediaType.APPLICATION_JSON)
    public RequestDto deny(@PathParam("id") @Pattern(regexp = PrivacyRequestResource.ID) String id,
            @Valid @NotNull OfficerInputs.Denial body) {
        return dtos.full(actions.deny(id, officer(), body.reason()));
    }

    @Operation(summary = "Extend the deadline", description = "Extends the legal deadline with the reason the "
            + "requester is told: by `months` (1 or 2, default 2) under GDPR; CCPA always extends by 45 days.")
    @POST
    @Path("/{id}/extend")
    @Consumes(MediaType.APPLICATION_JSON)
    public RequestDto extend(@PathParam("id") @Pattern(regexp = PrivacyRequestResource.ID) String id,
            @Valid @NotNull OfficerInputs.Extension body) {
        return dtos.full(actions.extend(id, officer(), body.months() == null ? 2 : body.months(), body.reason()));
    }

    @Operation(summary = "Reply to the requester", description = "Sends the requester the officer's answer, for "
            + "instance to a question.")
    @POST
    @Path("/{id}/reply")
    @Consumes(MediaType.APPLICATION_JSON)
    public RequestDto reply(@PathParam("id") @Pattern(regexp = PrivacyRequestResource.ID) String id,
            @Valid @NotNull OfficerInputs.Reply body) {
        return dtos.full(actions.reply(id, officer(), body.message()));
    }

    @Operation(summary = "Close a request", description = "Closes the request; nothing more happens to it.")
    @POST
    @Path("/{id}/close")
    public RequestDto close(@PathParam("id") @Pattern(regexp = PrivacyRequestResource.ID) String id) {
        return dtos.full(actions.close(id, officer()));
    }

    private String officer() {
        return "officer:" + identity.getPrincipal().getName();
    }

    /** Officers: the figures above the queue and on the overview. */
    @Operation(summary = "Get the queue's figures", description = "The figures above the officers' queue and on "
            + "their overview: requests by status, open ones by type, overdue, due within 7 days, median days to "
            + "fulfil over the last 90 days, stalled participants. Privacy officers only.")
    @GET
    @Path("/summary")
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    public QueueSummary.Summary summary() {
        return summaries.summary();
    }

    @Operation(summary = "Get a request's audit trail", description = "Every step of the request in order: who did what "
            + "and when. Privacy officers only.")
    @GET
    @Path("/{id}/audit")
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    public List<RequestDtos.AuditDto> audit(@PathParam("id") @Pattern(regexp = PrivacyRequestResource.ID) String id) {
        OfficerActions.load(id);
        return AuditEntry.of(id).stream().map(RequestDtos::audit).toList();
    }

    @Operation(summary = "Verify a request's audit trail", description = "Whether the trail is as it was written: every"
            + " entry's keyed hash, the chain of the request's entries, and their links in the suite-wide chain."
            + " `head` is the hash of the request's latest entry, `suiteHead` that of the suite-wide chain: noted down,"
            + " a later verification shows that nothing before it was rewritten. Privacy officers only.")
    @GET
    @Path("/{id}/audit/verify")
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    public AuditChain.Verification verifyAudit(@PathParam("id") @Pattern(regexp = PrivacyRequestResource.ID) String id) {
        OfficerActions.load(id);
        return auditChain.verify(id);
    }
}
