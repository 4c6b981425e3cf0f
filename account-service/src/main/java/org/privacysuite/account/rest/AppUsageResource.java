package org.privacysuite.account.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.privacysuite.account.service.AppUsage;
import org.privacysuite.commons.security.Roles;

/** Usage events of the companion app: stored only with app-usage-data consent, listed to their owner. */
@Tag(name = "App usage", description = "Usage events of the companion app, stored only while the app-usage-data "
        + "consent holds.")
@Path("/api/accounts/me/app-usage")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
public class AppUsageResource {

    @Inject
    AppUsage usage;

    @Inject
    SecurityIdentity identity;

    @Operation(summary = "Record an app usage event", description = "Stores one usage event (appliance, program, "
            + "duration, start) of the signed-in account, only while its consent for `app-usage-data` holds; "
            + "otherwise refused with a problem that says consent is missing.")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Recorded.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AppUsageDto.class)))
    public Response record(@Valid @NotNull AppUsageRequest request) {
        AppUsageDto stored = AppUsageDto.of(usage.record(identity.getPrincipal().getName(), request.appliance(),
                request.program(), request.duration(), request.startedAt()));
        return Response.status(Response.Status.CREATED).entity(stored).build();
    }

    /** Newest first. */
    @Operation(summary = "List my app usage", description = "The signed-in account's stored usage events, newest "
            + "first, at most `limit`.")
    @GET
    public List<AppUsageDto> list(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return usage.list(identity.getPrincipal().getName(), limit).stream().map(AppUsageDto::of).toList();
    }
}
