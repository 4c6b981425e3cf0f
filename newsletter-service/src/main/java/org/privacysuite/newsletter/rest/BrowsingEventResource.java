package org.privacysuite.newsletter.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.newsletter.domain.SubjectType;
import org.privacysuite.newsletter.rest.NewsletterDtos.BrowsingEventAnswer;
import org.privacysuite.newsletter.rest.NewsletterDtos.BrowsingEventRequest;
import org.privacysuite.newsletter.service.Caller;
import org.privacysuite.newsletter.service.InterestProfiles;

/**
 * Page topics seen by a device (no login: its consent cookie id) or, with a user token, by the account. Always 202:
 * whether the event was kept is the service's business, decided by consent; the answer says which.
 */
@Tag(name = "Browsing events", description = "Page topics seen by a device or account, kept only while newsletter "
        + "personalisation consent holds.")
@Path("/api/newsletter/browsing-events")
@PermitAll
public class BrowsingEventResource {

    @Inject
    InterestProfiles profiles;

    @Inject
    Callers callers;

    @Operation(summary = "Report page topics", description = "Page topics seen by a device (no login: its consent "
            + "cookie id) or, with a user token, by the account. Always 202: stored while consent for "
            + "`newsletter-personalisation` holds, otherwise dropped and counted; the answer says which.")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", description = "Taken (stored, or dropped with the reason, e.g. no consent).",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = NewsletterDtos.BrowsingEventAnswer.class)))
    public Response record(@Valid @NotNull BrowsingEventRequest request) {
        Optional<Caller> caller = callers.current();
        String subject;
        SubjectType type;
        if (caller.isPresent()) {
            subject = caller.get().accountId();
            type = SubjectType.ACCOUNT;
        } else if (request.deviceId() != null) {
            subject = request.deviceId();
            type = SubjectType.DEVICE;
        } else {
            throw ProblemException.invalid("deviceId", "required without a login");
        }
        InterestProfiles.Outcome outcome = profiles.record(subject, type, request.topics());
        return Response.accepted(new BrowsingEventAnswer(outcome.stored(),
                outcome.dropped() == null ? null : outcome.dropped().tag)).build();
    }
}
