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

/**
 * Data Rights Protocol endpoints for authorised agents. Open at the OIDC level: agents authenticate with the bearer
 * tokens this service issues at the pair-wise key setup, and sign their POST and DELETE bodies (text/plain, base64 of
 * the libsodium combined signed message).
 */
@Path("/v1")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class DrpResource {

    @Inject
    DrpProtocol protocol;

    /** 2.05 Pair-wise Key Setup. */
    @POST
    @Path("/agent/{agentId}")
    @Consumes(MediaType.WILDCARD)
    public DrpDtos.AgentToken register(@PathParam("agentId") String agentId, String body) {
        return protocol.register(agentId, body);
    }

    /** 2.06 Agent Information. */
    @GET
    @Path("/agent/{agentId}")
    public Map<String, Object> agent(@PathParam("agentId") String agentId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        protocol.checkAgent(agentId, authorization);
        return DrpProtocol.empty();
    }

    /** 2.01 Data Rights Exercise. */
    @POST
    @Path("/data-rights-request")
    @Consumes(MediaType.WILDCARD)
    public DrpDtos.ExerciseStatus exercise(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            String body) {
        return protocol.exercise(authorization, body);
    }

    /** 2.02 Data Rights Status. */
    @GET
    @Path("/data-rights-request/{requestId}")
    public DrpDtos.ExerciseStatus status(@PathParam("requestId") String requestId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return protocol.status(authorization, requestId);
    }

    /** 2.04 Data Rights Revoke. */
    @DELETE
    @Path("/data-rights-request/{requestId}")
    @Consumes(MediaType.WILDCARD)
    public DrpDtos.ExerciseStatus revoke(@PathParam("requestId") String requestId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        return protocol.revoke(authorization, requestId, body);
    }
}
