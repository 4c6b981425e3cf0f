package org.privacysuite.console.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.privacysuite.console.api.DsarApi;
import org.privacysuite.console.api.DsarViews.Agent;
import org.privacysuite.console.api.DsarViews.AgentInput;

/**
 * Authorised agents of the Data Rights Protocol: the onboarded ones, onboarding one with its verify key, and
 * removing one. Each request's callback health is on its request page.
 */
@Path("/agents")
@RolesAllowed(Roles.OFFICER)
@Produces(MediaType.TEXT_HTML)
public class AgentsPage {

    /** dsar-service's agent ids (DrpAgentResource). */
    private static final String AGENT_ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance agents(List<Agent> agents, String error);

        static native TemplateInstance remove(String agentId);
    }

    @Inject
    @RestClient
    DsarApi dsar;

    @Inject
    Pages pages;

    @GET
    public TemplateInstance list() {
        return pages.render(Templates.agents(dsar.agents(), null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response onboard(@FormParam("agentId") String agentId, @FormParam("name") String name,
            @FormParam("verifyKey") String verifyKey) {
        String missing = agentId == null || !agentId.matches(AGENT_ID) ? "agentId"
                : name == null || name.isBlank() ? "name" : verifyKey == null || verifyKey.isBlank() ? "verifyKey" : null;
        if (missing != null) {
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_HTML)
                    .entity(pages.render(Templates.agents(dsar.agents(), missing))).build();
        }
        dsar.putAgent(agentId, new AgentInput(name.strip(), verifyKey.strip()));
        return Response.seeOther(URI.create("/agents")).build();
    }

    @GET
    @Path("/{agentId}/remove")
    public TemplateInstance confirmRemove(@PathParam("agentId") @Pattern(regexp = AGENT_ID) String agentId) {
        return pages.render(Templates.remove(agentId));
    }

    @POST
    @Path("/{agentId}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response remove(@PathParam("agentId") @Pattern(regexp = AGENT_ID) String agentId) {
        dsar.removeAgent(agentId);
        return Response.seeOther(URI.create("/agents")).build();
    }
}
