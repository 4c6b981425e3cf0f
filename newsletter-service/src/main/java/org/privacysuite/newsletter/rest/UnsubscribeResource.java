package org.privacysuite.newsletter.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.newsletter.domain.Subscriber;
import org.privacysuite.newsletter.rest.NewsletterDtos.UnsubscribedDto;
import org.privacysuite.newsletter.service.EmailAddresses;
import org.privacysuite.newsletter.service.Subscriptions;

/**
 * The {@code List-Unsubscribe} target. {@code POST} is RFC 8058 one-click: no login, no cookie, any body (mail
 * clients send {@code List-Unsubscribe=One-Click} form-encoded or as multipart), idempotent, 200. {@code GET} (a
 * person clicking the link at the bottom of a mail, or a mail scanner) only shows a page with the button.
 */
@Tag(name = "Unsubscribe", description = "The List-Unsubscribe target of every mail: RFC 8058 one-click, and a "
        + "page for people.")
@Path("/api/newsletter/unsubscribe")
@PermitAll
public class UnsubscribeResource {

    @Inject
    Subscriptions subscriptions;

    @Inject
    Pages pages;

    @Operation(summary = "Unsubscribe (one-click)", description = "RFC 8058 one-click unsubscribe with the token "
            + "of the mail's List-Unsubscribe link: no login, any body, idempotent. JSON, or an HTML page for a "
            + "browser.")
    @POST
    @Produces({ MediaType.APPLICATION_JSON, MediaType.TEXT_HTML })
    public Response unsubscribe(@QueryParam("token") String token, @Context HttpHeaders headers) {
        boolean html = Pages.wantsHtml(headers);
        Optional<Subscriber> subscriber;
        try {
            subscriber = subscriptions.unsubscribe(token, "link");
        } catch (ProblemException e) {
            if (html) {
                return pages.problem(e.status(), e.title(), e.getMessage());
            }
            throw e;
        }
        String masked = subscriber.map(s -> EmailAddresses.masked(s.email)).orElse(null);
        if (html) {
            return pages.unsubscribed(masked);
        }
        return Response.ok(new UnsubscribedDto("UNSUBSCRIBED", masked)).type(MediaType.APPLICATION_JSON).build();
    }

    @Operation(summary = "Show the unsubscribe page", description = "The page a person reaches from the link at "
            + "the bottom of a mail: it shows the address and a button, and changes nothing itself.")
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@QueryParam("token") String token) {
        try {
            Optional<Subscriber> subscriber = subscriptions.byUnsubscribeToken(token);
            return pages.unsubscribe(token, subscriber.map(s -> EmailAddresses.masked(s.email)).orElse(""),
                    subscriber.map(Subscriber::isActive).orElse(false));
        } catch (ProblemException e) {
            return pages.problem(e.status(), e.title(), e.getMessage());
        }
    }
}
