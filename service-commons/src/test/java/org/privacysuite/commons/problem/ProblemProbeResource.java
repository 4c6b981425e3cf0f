package org.privacysuite.commons.problem;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Endpoints that fail in each way a real service can, to check the problem+json answers. */
@Path("/probe")
public class ProblemProbeResource {

    public record Signup(@NotBlank String username, @Email @NotBlank String email, @Min(0) int age) {
    }

    @POST
    @Path("/signup")
    @Consumes(MediaType.APPLICATION_JSON)
    public String signup(@Valid Signup body) {
        return "ok";
    }

    @GET
    @Path("/conflict")
    public String conflict() {
        throw ProblemException.conflict("duplicate-username", "Username taken", "The username alice is taken");
    }

    @GET
    @Path("/bug")
    public String bug() {
        throw new IllegalStateException("secret internal detail");
    }

    @GET
    @Path("/paged")
    public String paged(@QueryParam("limit") @Min(1) int limit) {
        return "ok";
    }

    @GET
    @Path("/items/{id}")
    public String item(@jakarta.ws.rs.PathParam("id") String id) {
        return id;
    }

    @jakarta.ws.rs.PATCH
    @Path("/items/{id}")
    public String patchItem(@jakarta.ws.rs.PathParam("id") String id) {
        return id;
    }
}
