package org.privacysuite.newsletter.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.newsletter.config.NewsletterConfig;
import org.privacysuite.newsletter.domain.InterestPurpose;
import org.privacysuite.newsletter.rest.NewsletterDtos.BrowsingEventRequest;
import org.privacysuite.newsletter.rest.OfferDtos.InterestsView;
import org.privacysuite.newsletter.rest.OfferDtos.OffersAnswer;
import org.privacysuite.newsletter.service.InterestDecay;
import org.privacysuite.newsletter.service.InterestReport;
import org.privacysuite.newsletter.service.OfferRanking;

/**
 * Offers by interest, only with advertising consent, and the visitor's view of the profile behind them. No login:
 * the device id is the consent cookie's (with a user token, the account's profile is meant instead).
 */
@Tag(name = "Offers", description = "Offers chosen by the visitor's interests only while advertising consent holds, "
        + "the profile in plain words, and its deletion.")
@Path("/api/offers")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class OfferResource {

    /** The answers depend on who asks and on consent that can change at any moment: never stored by a cache. */
    private static final String NO_STORE = "no-store";

    @Inject
    OfferRanking ranking;

    @Inject
    InterestReport report;

    @Inject
    InterestDecay decay;

    @Inject
    PageViews pageViews;

    @Inject
    NewsletterConfig config;

    @Operation(summary = "Offers for a visitor", description = "With `advertising-cookies` consent for the device (or "
            + "the signed-in account), offers ranked by the interests its visits showed; otherwise, or with "
            + "`Sec-GPC: 1`, the same non-personalised order for everyone. `personalised` and `basis` say which.")
    @GET
    @APIResponse(responseCode = "200", description = "The offers, and whether they are personalised.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = OffersAnswer.class)))
    public Response offers(
            @Parameter(description = "The consent cookie's device id") @QueryParam("deviceId")
            @Pattern(regexp = NewsletterDtos.DEVICE_ID, message = NewsletterDtos.DEVICE_ID_MESSAGE) String deviceId,
            @Parameter(description = "At most this many offers (default 5, at most 20)") @QueryParam("limit") String limit,
            @HeaderParam(PageViews.GPC_HEADER) String gpc) {
        int n = limit(limit);
        OfferRanking.Choice choice = ranking.choose(pageViews.of(deviceId).map(PageViews.Subject::id), n,
                PageViews.gpc(gpc));
        return Response.ok(OffersAnswer.of(choice)).header("Cache-Control", NO_STORE)
                .header("Vary", "Authorization, Sec-GPC").build();
    }

    /** Parsed here, not by JAX-RS: a malformed number must be a 400 problem, not the 404 a failed conversion gives. */
    private int limit(String limit) {
        int max = config.offers().maxLimit();
        if (limit == null) {
            return Math.min(config.offers().defaultLimit(), max);
        }
        if (!limit.matches("[0-9]{1,4}") || Integer.parseInt(limit) < 1 || Integer.parseInt(limit) > max) {
            throw ProblemException.invalid("limit", "must be a whole number from 1 to " + max);
        }
        return Integer.parseInt(limit);
    }

    @Operation(summary = "Report page topics", description = "The storefront's page view: the same as "
            + "`POST /api/newsletter/browsing-events`. Added to the interest profile for each purpose whose consent "
            + "holds (`advertising-cookies` not with `Sec-GPC: 1`; `newsletter-personalisation` only for subscribers).")
    @POST
    @Path("/page-views")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", description = "Taken (stored, or dropped with the reason, per purpose).",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = NewsletterDtos.BrowsingEventAnswer.class)))
    public Response pageView(@Valid @NotNull BrowsingEventRequest request, @HeaderParam(PageViews.GPC_HEADER) String gpc) {
        return Response.accepted(pageViews.record(request, gpc, InterestPurpose.OFFERS)).build();
    }

    @Operation(summary = "What the site thinks interests you", description = "The device's (or signed-in account's) "
            + "interest profile in plain words: each topic, how strongly, what it is used for and under which consent.")
    @GET
    @Path("/interests")
    @APIResponse(responseCode = "200", description = "The profile (empty when none is kept).",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = InterestsView.class)))
    public Response interests(@QueryParam("deviceId")
            @Pattern(regexp = NewsletterDtos.DEVICE_ID, message = NewsletterDtos.DEVICE_ID_MESSAGE) String deviceId) {
        PageViews.Subject subject = pageViews.required(deviceId);
        return Response.ok(InterestsView.of(report.of(subject.id(), subject.type()), decay.halfLife().toString()))
                .header("Cache-Control", NO_STORE).build();
    }

    @Operation(summary = "Delete the interest profile", description = "Deletes the device's (or signed-in account's) "
            + "interest profile for every purpose, and its browsing events. Idempotent. Consent is not changed: "
            + "withdraw it to stop collection.")
    @DELETE
    @Path("/interests")
    @APIResponse(responseCode = "204", description = "Deleted (or there was nothing).")
    public Response forget(@QueryParam("deviceId")
            @Pattern(regexp = NewsletterDtos.DEVICE_ID, message = NewsletterDtos.DEVICE_ID_MESSAGE) String deviceId) {
        report.delete(pageViews.required(deviceId).id());
        return Response.noContent().build();
    }
}
