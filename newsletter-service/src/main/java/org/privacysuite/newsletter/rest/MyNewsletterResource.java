package org.privacysuite.newsletter.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.commons.security.Roles;
import org.privacysuite.newsletter.rest.NewsletterDtos.MyNewsletterDto;
import org.privacysuite.newsletter.rest.NewsletterDtos.PreferencesUpdate;
import org.privacysuite.newsletter.service.Caller;
import org.privacysuite.newsletter.service.Subscriptions;

/**
 * The signed-in subscriber's preferences. The subscription is the one linked to the token's {@code sub}; failing
 * that, the one of the token's verified email address, which is then linked. Nobody reaches another's subscription.
 */
@Tag(name = "Newsletter preferences", description = "The signed-in subscriber's topics and subscription state.")
@Path("/api/newsletter/me")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
public class MyNewsletterResource {

    @Inject
    Callers callers;

    @Inject
    Subscriptions subscriptions;

    @Inject
    MyNewsletterView view;

    @Operation(summary = "Get my newsletter preferences", description = "The subscription linked to the signed-in "
            + "account, or failing that the one of the token's verified email address (which is then linked); 404 "
            + "when there is none.")
    @GET
    public MyNewsletterDto get() {
        Caller caller = callers.required();
        return view.of(subscriptions.mine(caller).orElseThrow(MyNewsletterResource::notSubscribed));
    }

    @Operation(summary = "Update my newsletter preferences", description = "Changes the topics of the signed-in "
            + "subscriber, or unsubscribes or resubscribes.")
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public MyNewsletterDto update(@Valid @NotNull PreferencesUpdate update) {
        return view.of(subscriptions.updateMine(callers.required(), update.topics(), update.subscribed()));
    }

    static ProblemException notSubscribed() {
        return new ProblemException(404, "not-subscribed", "Not subscribed",
                "No newsletter subscription belongs to your account or its verified email address.");
    }
}
