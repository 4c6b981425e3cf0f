package org.privacysuite.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import jakarta.inject.Inject;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import java.io.IOException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Errors as pages in the officer's language, never a stack trace: a signed-in user without the officer role gets
 * 403; a refusal by a service (a 409 for an action no longer allowed, a 400) is shown with the service's own
 * problem detail and its status; a service that fails or cannot be reached is a 502.
 */
public class ErrorPages {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance forbidden();

        static native TemplateInstance failed(int status, String detail);

        static native TemplateInstance notFound();
    }

    @Inject
    Pages pages;

    @Inject
    ObjectMapper json;

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return page(Response.Status.FORBIDDEN.getStatusCode(), Templates.forbidden());
    }

    /** A path parameter that cannot be an id of the suite (checked before any API call): no such page. */
    @ServerExceptionMapper
    public Response invalidPath(ResteasyReactiveViolationException e) {
        return notFound(null);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return page(404, Templates.notFound());
    }

    /**
     * A service's answer other than 2xx: the REST clients throw it. Its 404 is the console's 404; its 401 or 403
     * (the officer's token no longer accepted) is the console's 403; other 4xx keep their status; 5xx become 502.
     */
    @ServerExceptionMapper
    public Response refused(WebApplicationException e) {
        Response answer = e.getResponse();
        int status = answer.getStatus();
        if (status == 404) {
            return notFound(null);
        }
        if (status == 401 || status == 403) {
            return forbidden(null);
        }
        String detail = detail(answer);
        int shown = status >= 500 ? 502 : status;
        if (status >= 500) {
            LOG.warnf("A service answered %d: %s", status, detail);
        }
        return page(shown, Templates.failed(shown, detail));
    }

    /** A service that cannot be reached at all (refused, timed out): 502, and the log says which call. */
    @ServerExceptionMapper
    public Response unreachable(ProcessingException e) {
        LOG.warnf("A service could not be reached: %s", e.getMessage());
        return page(502, Templates.failed(502, e.getCause() != null ? e.getCause().getClass().getSimpleName() : "unreachable"));
    }

    private Response page(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML).entity(pages.render(page)).build();
    }

    /** The problem+json detail (or title) a service sent, else its status line. */
    private String detail(Response answer) {
        try {
            if (answer.hasEntity()) {
                JsonNode problem = json.readTree(answer.readEntity(String.class));
                JsonNode text = problem.hasNonNull("detail") ? problem.get("detail") : problem.get("title");
                if (text != null) {
                    return text.asText();
                }
            }
        } catch (RuntimeException | IOException e) {
            // not problem+json: fall back to the status line
        }
        return answer.getStatus() + " " + answer.getStatusInfo().getReasonPhrase();
    }
}
