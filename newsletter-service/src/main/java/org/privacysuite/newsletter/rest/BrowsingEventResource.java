package org.privacysuite.newsletter.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.privacysuite.newsletter.domain.InterestPurpose;
import org.privacysuite.newsletter.rest.NewsletterDtos.BrowsingEventRequest;

/**
 * Page topics seen by a device (no login: its consent cookie id) or, with a user token, by the account: the
 * contract's newsletter path. Always 202: whether the view was kept is decided by consent; the answer says which.
 */
@Tag(name = "Browsing events", description = "Page topics seen by a device or account, kept in the interest profile "
        + "only for the purposes whose consent holds.")
@Path("/api/newsletter/browsing-events")
@PermitAll
public class BrowsingEventResource {

    @Inject
    PageViews pageViews;

    @Operation(summary = "Report page topics", description = "Page topics seen by a device (no login: its consent "
            + "cookie id) or, with a user token, by the account. Always 202. Added to the interest profile for each "
            + "purpose whose consent holds: `newsletter-personalisation` (subscribers only; the event is kept too) and "
            + "`advertising-cookies` (not with `Sec-GPC: 1`); otherwise dropped and counted. The answer says which. "
            + "The same as `POST /api/offers/page-views`.")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", description = "Taken (stored, or dropped with the reason, e.g. no consent).",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = NewsletterDtos.BrowsingEventAnswer.class)))
    public Response record(@Valid @NotNull BrowsingEventRequest request, @HeaderParam(PageViews.GPC_HEADER) String gpc) {
        return Response.accepted(pageViews.record(request, gpc, InterestPurpose.NEWSLETTER)).build();
    }
}
