package org.privacysuite.account.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.privacysuite.account.domain.Hold;
import org.privacysuite.account.service.Holds;
import org.privacysuite.commons.security.Roles;

/** Obligations registered by systems with the service role (an order system); never by the account's owner. */
@Tag(name = "Account holds", description = "Obligations (such as a return window) registered by other systems that "
        + "delay an account's closure.")
@Path("/api/accounts/{accountId}/holds")
@RolesAllowed(Roles.SERVICE)
@Produces(MediaType.APPLICATION_JSON)
public class HoldResource {

    static final String ID = "[0-9a-fA-F-]{36}";
    static final String ID_MESSAGE = "must be an id (UUID)";

    @Inject
    Holds holds;

    @Inject
    SecurityIdentity identity;

    @Operation(summary = "Register a hold", description = "An order system registers an obligation on the account "
            + "(reason such as RETURN_WINDOW, end date, its own reference); a pending closure waits until every "
            + "hold has ended. Services only.")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "The hold; Location is the hold.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = HoldDto.class)))
    public Response register(@PathParam("accountId") @Pattern(regexp = ID, message = ID_MESSAGE) String accountId,
            @Valid @NotNull HoldRequest request) {
        Hold hold = holds.register(accountId, request.reason(), request.until(), request.reference(),
                identity.getPrincipal().getName());
        return Response.created(URI.create("/api/accounts/" + accountId + "/holds/" + hold.id))
                .entity(HoldDto.of(hold)).build();
    }

    @Operation(summary = "List an account's holds", description = "The account's holds, ended ones included. "
            + "Services only.")
    @GET
    public List<HoldDto> list(@PathParam("accountId") @Pattern(regexp = ID, message = ID_MESSAGE) String accountId) {
        return holds.of(accountId).stream().map(HoldDto::of).toList();
    }

    @Operation(summary = "Release a hold", description = "Ends the hold now; a pending closure completes once no "
            + "hold remains. Services only.")
    @DELETE
    @Path("/{holdId}")
    @APIResponse(responseCode = "204", description = "Released.")
    public Response release(@PathParam("accountId") @Pattern(regexp = ID, message = ID_MESSAGE) String accountId,
            @PathParam("holdId") @Pattern(regexp = ID, message = ID_MESSAGE) String holdId) {
        holds.release(accountId, holdId, identity.getPrincipal().getName());
        return Response.noContent().build();
    }
}
