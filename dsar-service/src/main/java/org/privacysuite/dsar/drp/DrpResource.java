package org.privacysuite.dsar.drp;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Data Rights Protocol endpoints for authorised agents. Open at the OIDC level: agents authenticate with the bearer
 * tokens this service issues at the pair-wise key setup, and sign their POST and DELETE bodies (text/plain, base64 of
 * the libsodium combined signed message).
 */
@Tag(name = "Data Rights Protocol", description = "The Data Rights Protocol (DRP 1.0) endpoints for authorised "
        + "agents: signed messages and the bearer tokens this service issues.")
@Path("/v1")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class DrpResource {

    /** Declared in META-INF/openapi.yaml: an annotated scheme would become Quarkus' scheme for @RolesAllowed too. */
    static final String AGENT_TOKEN = "drp-agent-token";

    @Inject
    DrpProtocol protocol;

    @Inject
    DrpAgents agents;

    /** 2.05 Pair-wise Key Setup. */
    @APIResponse(responseCode = "200", description = "The agent's bearer token.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DrpDtos.AgentToken.class)))
    @APIResponse(responseCode = "403", description = "The signed message did not validate (no body, as 2.05.1 says).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING,
            description = "base64 of the Ed25519 signature followed by the JSON message (libsodium combined mode)")))
    @Operation(summary = "Pair-wise key setup", description = "DRP 2.05: an onboarded agent sends a message signed "
            + "with its key and receives the bearer token for its later calls.")
    @POST
    @Path("/agent/{agentId}")
    @Consumes(MediaType.WILDCARD)
    public DrpDtos.AgentToken register(@PathParam("agentId") String agentId, String body) {
        return agents.register(agentId, body);
    }

    /** 2.06 Agent Information. */
    @APIResponse(responseCode = "200", description = "The token is valid: an empty JSON object.")
    @APIResponse(responseCode = "401", description = "No bearer token.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DrpDtos.Error.class)))
    @APIResponse(responseCode = "403", description = "The token is unknown or belongs to another agent.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DrpDtos.Error.class)))
    @SecurityRequirement(name = AGENT_TOKEN)
    @Operation(summary = "Agent information", description = "DRP 2.06: answers an empty object when the bearer "
            + "token is the agent's own.")
    @GET
    @Path("/agent/{agentId}")
    public Map<String, Object> agent(@PathParam("agentId") String agentId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        agents.checkAgent(agentId, authorization);
        return DrpProtocol.empty();
    }

    /** 2.01 Data Rights Exercise. */
    @APIResponse(responseCode = "200", description = "The Exercise Status of the new request (or of the one this message created before).",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DrpDtos.ExerciseStatus.class)))
    @APIResponse(responseCode = "400", description = "Malformed message, missing claims or an unsupported action or regime.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DrpDtos.Error.class)))
    @APIResponse(responseCode = "401", description = "No bearer token.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DrpDtos.Error.class)))
    @APIResponse(responseCode = "403", description = "Bad signature, wrong agent or business, issued in the future, expired (fatal) or already used.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DrpDtos.Error.class)))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING,
            description = "base64 of the Ed25519 signature followed by the JSON message (libsodium combined mode)")))
    @SecurityRequirement(name = AGENT_TOKEN)
    @Operation(summary = "Exercise a data right", description = "DRP 2.01: a signed request to exercise a right "
            + "(access, deletion, ...) for a consumer; answers its Exercise Status. Sending the same message again "
            + "answers the request it created before.")
    @POST
    @Path("/data-rights-request")
    @Consumes(MediaType.WILDCARD)
    public DrpDtos.ExerciseStatus exercise(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            String body) {
        return protocol.exercise(authorization, body);
    }

    /** 2.02 Data Rights Status. */
    @APIResponse(responseCode = "200", description = "The request's Exercise Status.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DrpDtos.ExerciseStatus.class)))
    @APIResponse(responseCode = "401", description = "No bearer token.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DrpDtos.Error.class)))
    @APIResponse(responseCode = "403", description = "Unknown token, or the request is managed by another agent.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DrpDtos.Error.class)))
    @APIResponse(responseCode = "404", description = "No such request.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DrpDtos.Error.class)))
    @SecurityRequirement(name = AGENT_TOKEN)
    @Operation(summary = "Get a request's status", description = "DRP 2.02: the Exercise Status of a request the "
            + "agent submitted.")
    @GET
    @Path("/data-rights-request/{requestId}")
    public DrpDtos.ExerciseStatus status(@PathParam("requestId") String requestId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return protocol.status(authorization, requestId);
    }

    /** 2.04 Data Rights Revoke. */
    @APIResponse(responseCode = "200", description = "The Exercise Status with the new revoked state.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DrpDtos.ExerciseStatus.class)))
    @APIResponse(responseCode = "400", description = "Malformed message.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DrpDtos.Error.class)))
    @APIResponse(responseCode = "401", description = "No bearer token.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DrpDtos.Error.class)))
    @APIResponse(responseCode = "403", description = "Bad signature, a request of another agent, or a revoke message already used for another request.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DrpDtos.Error.class)))
    @APIResponse(responseCode = "404", description = "No such request.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DrpDtos.Error.class)))
    @APIResponse(responseCode = "409", description = "The request is already final.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DrpDtos.Error.class)))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING,
            description = "base64 of the Ed25519 signature followed by the JSON message (libsodium combined mode)")))
    @SecurityRequirement(name = AGENT_TOKEN)
    @Operation(summary = "Revoke a request", description = "DRP 2.04: a signed message withdraws a request that is "
            + "not final yet.")
    @DELETE
    @Path("/data-rights-request/{requestId}")
    @Consumes(MediaType.WILDCARD)
    public DrpDtos.ExerciseStatus revoke(@PathParam("requestId") String requestId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        return protocol.revoke(authorization, requestId, body);
    }
}
