package org.privacysuite.account.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.privacysuite.account.domain.AccountStatus;
import org.privacysuite.account.service.Closures;
import org.privacysuite.commons.security.Roles;

/**
 * The closure button of the account page. Only ever the token's own account: there is no path that names another.
 * 200 with {@code CLOSED} when no obligation is open, 202 with {@code CLOSURE_PENDING}, the holds and the expected
 * date otherwise.
 */
@Tag(name = "Account closure", description = "Closing one's own account, which waits for open obligations such as "
        + "a return window.")
@Path("/api/accounts/me/closure")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
public class ClosureResource {

    @Inject
    Closures closures;

    @Inject
    SecurityIdentity identity;

    @Operation(summary = "Close my account", description = "Closes the signed-in account at once (200, CLOSED) "
            + "when no obligation holds it; otherwise the closure is pending (202, CLOSURE_PENDING) with the holds "
            + "and the expected closure date, and completes when they end.")
    @POST
    @APIResponse(responseCode = "200", description = "The account is closed: nothing held it.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ClosureDto.class)))
    @APIResponse(responseCode = "202", description = "Closure is pending until the listed holds end.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ClosureDto.class)))
    public Response close() {
        Closures.View view = closures.request(identity.getPrincipal().getName());
        return Response.status(view.status() == AccountStatus.CLOSED ? 200 : 202).entity(ClosureDto.of(view)).build();
    }

    /** Cancels a pending closure; the account is active again. */
    @Operation(summary = "Cancel my pending closure", description = "Cancels a pending closure; the account is "
            + "active again.")
    @DELETE
    public ClosureDto cancel() {
        return ClosureDto.of(closures.cancel(identity.getPrincipal().getName()));
    }
}
