package org.privacysuite.newsletter.rest;

import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.newsletter.rest.NewsletterDtos.ConfirmRequest;
import org.privacysuite.newsletter.rest.NewsletterDtos.ConfirmedDto;
import org.privacysuite.newsletter.rest.NewsletterDtos.SubscribeAccepted;
import org.privacysuite.newsletter.rest.NewsletterDtos.SubscribeRequest;
import org.privacysuite.newsletter.service.EmailAddresses;
import org.privacysuite.newsletter.service.SignUpThrottle;
import org.privacysuite.newsletter.service.DoubleOptIn;
import org.privacysuite.newsletter.service.TopicCatalogue;

/**
 * Subscribing with double opt-in. No login needed; with a user token whose verified email is the subscribed
 * address, the subscription is linked to that account.
 */
@Tag(name = "Newsletter subscriptions", description = "Subscribing with double opt-in: the sign-up, and its "
        + "confirmation with the token from the mail.")
@Path("/api/newsletter/subscriptions")
@PermitAll
public class SubscriptionResource {

    @Inject
    DoubleOptIn optIn;

    @Inject
    TopicCatalogue catalogue;

    @Inject
    Callers callers;

    @Inject
    Pages pages;

    @Inject
    SignUpThrottle throttle;

    /**
     * 202 with the same body whether the address is new, pending, subscribed, unsubscribed or erased before, and
     * whether or not its mail limit let a mail go out. 429 when this client sent too many (its address is the
     * gateway's X-Forwarded-For, believed only from the proxies in {@code quarkus.http.proxy.trusted-proxies}).
     */
    @Operation(summary = "Subscribe to the newsletter", description = "Creates an unconfirmed subscription (email, "
            + "topics, optional device id) and mails a confirmation link (double opt-in). 202 with the same body "
            + "whether or not the address was known; 429 with Retry-After when this client signed up too often.")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", description = "A confirmation mail is on its way (the same answer whether or not the address was known).",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = NewsletterDtos.SubscribeAccepted.class)))
    @APIResponse(responseCode = "429", description = "Too many sign-ups from this client; Retry-After says when to try again.")
    public Response subscribe(@Valid @NotNull SubscribeRequest request, @Context HttpServerRequest http) {
        throttle.admitClient(http.remoteAddress().hostAddress());
        DoubleOptIn.Requested accepted = optIn.subscribe(request.email(), request.topics(),
                request.deviceId(), callers.current());
        return Response.accepted(SubscribeAccepted.of(accepted.email(), accepted.topics())).build();
    }

    /** The API form: the token from the mail's link. */
    @Operation(summary = "Confirm a subscription", description = "Confirms the subscription with the token from "
            + "the confirmation mail; the API form of the confirmation page's button.")
    @POST
    @Path("/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ConfirmedDto confirm(@Valid @NotNull ConfirmRequest request) {
        DoubleOptIn.Confirmed confirmed = optIn.confirm(request.token());
        return new ConfirmedDto(confirmed.subscriber().status.name(), confirmed.subscriber().email,
                confirmed.subscriber().topics.stream().sorted().toList(), confirmed.suppressionLifted());
    }

    /** The button of the confirmation page (a form post). */
    @Operation(summary = "Confirm a subscription (form)", description = "The confirmation page's button: a form "
            + "post of the token, answered with an HTML page.")
    @POST
    @Path("/confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response confirmForm(@FormParam("token") String token) {
        try {
            DoubleOptIn.Confirmed confirmed = optIn.confirm(token);
            return pages.confirmed(EmailAddresses.masked(confirmed.subscriber().email),
                    catalogue.titlesOf(confirmed.subscriber().topics), confirmed.suppressionLifted());
        } catch (ProblemException e) {
            return pages.problem(e.status(), e.title(), e.getMessage());
        }
    }

    /**
     * Where the mail's link lands: a page with a button, because mail scanners open links and a GET must not confirm
     * anything on the address owner's behalf.
     */
    @Operation(summary = "Show the confirmation page", description = "Where the mail's link lands: an HTML page "
            + "with a button, because mail scanners open links and a GET must not confirm anything on the address "
            + "owner's behalf.")
    @GET
    @Path("/confirm")
    @Produces(MediaType.TEXT_HTML)
    public Response confirmPage(@QueryParam("token") @NotBlank @Size(max = 200) String token) {
        return pages.confirm(token);
    }
}
