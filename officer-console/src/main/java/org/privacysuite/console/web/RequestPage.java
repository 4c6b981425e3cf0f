package org.privacysuite.console.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.privacysuite.console.api.DsarApi;
import org.privacysuite.console.api.DsarViews.AuditEntry;
import org.privacysuite.console.api.DsarViews.Denial;
import org.privacysuite.console.api.DsarViews.DrpView;
import org.privacysuite.console.api.DsarViews.Extension;
import org.privacysuite.console.api.DsarViews.Reply;
import org.privacysuite.console.api.DsarViews.RequestView;

/**
 * One request: who asked and how they were proven, the deadline, every participant's answer per record type, the
 * audit trail; and the officer's actions. Each action is a form on its own confirmation page (works without
 * script), posted with the CSRF token, and answered by a redirect back to the request (post/redirect/get).
 */
@Path("/requests/{id}")
@RolesAllowed(Roles.OFFICER)
@Produces(MediaType.TEXT_HTML)
public class RequestPage {

    /** dsar-service's request ids; anything else is refused before an API call. */
    static final String ID = "[0-9a-fA-F-]{36}";
    private static final String SERVICE = "[a-z0-9][a-z0-9-]{0,99}";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance request(RequestView request, List<AuditEntry> audit, DrpView drp,
                String done);

        static native TemplateInstance confirm(RequestView request, String action, String service,
                List<DenialReason> reasons, String error);
    }

    @Inject
    @RestClient
    DsarApi dsar;

    @Inject
    Pages pages;

    @GET
    public TemplateInstance page(@PathParam("id") @Pattern(regexp = ID) String id, @QueryParam("done") String done) {
        RequestView request = dsar.get(id);
        DrpView drp = request.fromAgent() ? dsar.drp(id) : null;
        String doneAction = done != null && OfficerAction.known(done) ? done : null;
        return pages.render(Templates.request(request, dsar.audit(id), drp, doneAction));
    }

    @GET
    @Path("/confirm/{action}")
    public TemplateInstance confirm(@PathParam("id") @Pattern(regexp = ID) String id,
            @PathParam("action") String action) {
        OfficerAction.of(action);
        return confirmPage(dsar.get(id), action, null, null);
    }

    @GET
    @Path("/participants/{service}/reask")
    public TemplateInstance confirmReask(@PathParam("id") @Pattern(regexp = ID) String id,
            @PathParam("service") @Pattern(regexp = SERVICE) String service) {
        return confirmPage(dsar.get(id), "reask", service, null);
    }

    @POST
    @Path("/{action}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response act(@PathParam("id") @Pattern(regexp = ID) String id, @PathParam("action") String action,
            @FormParam("reason") String reason, @FormParam("details") String details,
            @FormParam("months") Integer months, @FormParam("message") String message) {
        OfficerAction kind = OfficerAction.of(action);
        try {
            switch (kind) {
                case APPROVE -> dsar.approve(id);
                case DENY -> dsar.deny(id, new Denial(DenialReason.text(reason, details)));
                case EXTEND -> dsar.extend(id, new Extension(months, required(details, "details")));
                case REPLY -> dsar.reply(id, new Reply(required(message, "reply")));
                case CLOSE -> dsar.close(id);
                case REASK -> throw new NotFoundException(); // per participant: its own path
            }
        } catch (MissingInput missing) {
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_HTML)
                    .entity(confirmPage(dsar.get(id), action, null, missing.getMessage())).build();
        }
        return backTo(id, action);
    }

    @POST
    @Path("/participants/{service}/reask")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reask(@PathParam("id") @Pattern(regexp = ID) String id,
            @PathParam("service") @Pattern(regexp = SERVICE) String service) {
        dsar.reask(id, service);
        return backTo(id, "reask");
    }

    private TemplateInstance confirmPage(RequestView request, String action, String service, String error) {
        return pages.render(Templates.confirm(request, action, service, DenialReason.all(), error));
    }

    private static Response backTo(String id, String action) {
        return Response.seeOther(URI.create("/requests/" + id + "?done=" + action)).build();
    }

    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new MissingInput(field);
        }
        return value.strip();
    }

    /** A form sent without a field its action needs: the confirmation page again, saying which. */
    static final class MissingInput extends RuntimeException {
        MissingInput(String field) {
            super(field, null, false, false);
        }
    }
}
