package org.privacysuite.dsar.drp;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.commons.security.Roles;

/** Officers onboard authorised agents: the agent's id and the verify key its DRP messages are signed with. */
@Tag(name = "Authorised agents", description = "The Data Rights Protocol agents a privacy officer onboards, with "
        + "the keys their messages are signed with.")
@Path("/api/privacy-requests/agents")
@RolesAllowed(Roles.PRIVACY_OFFICER)
@Produces(MediaType.APPLICATION_JSON)
public class DrpAgentResource {

    static final String AGENT_ID = "[A-Za-z0-9][A-Za-z0-9_.-]{0,99}";

    @Inject
    DrpAgents agents;

    @Inject
    SecurityIdentity identity;

    @Operation(summary = "List authorised agents", description = "Every onboarded Data Rights Protocol agent with "
            + "its verify key. Privacy officers only.")
    @GET
    public List<DrpDtos.AgentView> list() {
        return agents.agents();
    }

    @Operation(summary = "Onboard or update an agent", description = "Creates or updates an authorised agent: its "
            + "name and the Ed25519 verify key its messages are signed with. Privacy officers only.")
    @PUT
    @Path("/{agentId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public DrpDtos.AgentView put(@PathParam("agentId") @Pattern(regexp = AGENT_ID) String agentId,
            @Valid @NotNull DrpDtos.AgentInput body) {
        return agents.view(agents.putAgent(agentId, body.name(), body.verifyKey(), officer()));
    }

    @Operation(summary = "Remove an agent", description = "Removes the agent and its bearer tokens; the requests "
            + "it submitted stay. Privacy officers only.")
    @DELETE
    @Path("/{agentId}")
    @APIResponse(responseCode = "204", description = "Removed, with its tokens; its requests stay.")
    public Response remove(@PathParam("agentId") @Pattern(regexp = AGENT_ID) String agentId) {
        if (!agents.removeAgent(agentId, officer())) {
            throw ProblemException.notFound("Agent " + agentId);
        }
        return Response.noContent().build();
    }

    private String officer() {
        return "officer:" + identity.getPrincipal().getName();
    }
}
