package org.privacysuite.consent.rest;

import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.privacysuite.consent.service.ConsentLedger;
import org.privacysuite.consent.service.Subject;

/**
 * A visitor's choices, keyed by the random id in their first-party consent cookie. No login: knowing the 122 random
 * bits of the id is what identifies the device.
 */
@Tag(name = "Device consent", description = "A visitor's choices, keyed by the random device id in the first-party "
        + "consent cookie; no login needed.")
@Path("/api/consent/devices/{deviceId}")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class DeviceConsentResource {

    /** A version 4 UUID in canonical lower-case form, as browsers' crypto.randomUUID() makes it. */
    public static final String DEVICE_ID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    public static final String DEVICE_ID_MESSAGE = "must be a random (version 4) UUID in lower case";

    @Inject
    ConsentLedger ledger;

    @Inject
    ConsentDtos dtos;

    @Inject
    RequestOrigins origins;

    @Operation(summary = "Get a device's choices", description = "The device's current decision per purpose with "
            + "the notice version it was given for; purposes never decided are absent. No login: the random "
            + "(version 4 UUID) device id is what identifies the device.")
    @GET
    public ConsentStateDto get(@PathParam("deviceId") @Pattern(regexp = DEVICE_ID, message = DEVICE_ID_MESSAGE) String deviceId) {
        return dtos.state(ledger.current(deviceId));
    }

    @Operation(summary = "Record a device's choices", description = "Records choices per purpose with the notice "
            + "versions shown, the method (accept-all, reject-all, custom) and the page. `Sec-GPC: 1` turns "
            + "purposes governed by Global Privacy Control off whatever the body says, and the receipt records "
            + "that.")
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public ConsentStateDto record(
            @PathParam("deviceId") @Pattern(regexp = DEVICE_ID, message = DEVICE_ID_MESSAGE) String deviceId,
            @Valid @NotNull ChoicesRequest choices, @Context HttpServerRequest request) {
        return dtos.state(ledger.record(Subject.device(deviceId), choices.command(), origins.of(request)));
    }
}
