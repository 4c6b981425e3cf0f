package org.privacysuite.consent.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.privacysuite.commons.security.Roles;
import org.privacysuite.consent.service.ConsentLedger;
import org.privacysuite.consent.service.ReceiptBook;
import org.privacysuite.consent.service.Subject;

/** The signed-in account's choices; the subject is always the token's, so nobody reaches another's data here. */
@Tag(name = "Account consent", description = "The signed-in account's choices, receipts and linked devices; the "
        + "subject is always the token's.")
@Path("/api/consent/me")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
public class MyConsentResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    ConsentLedger ledger;

    @Inject
    ReceiptBook receipts;

    @Inject
    ConsentDtos dtos;

    @Inject
    RequestOrigins origins;

    @Operation(summary = "Get my choices", description = "The signed-in account's current decision per purpose, "
            + "including those joined from linked devices.")
    @GET
    public ConsentStateDto get() {
        return dtos.state(ledger.current(accountId()));
    }

    @Operation(summary = "Record my choices", description = "Records the signed-in account's choices per purpose "
            + "with the notice versions shown and the method; `Sec-GPC: 1` turns GPC-governed purposes off.")
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public ConsentStateDto record(@Valid @NotNull ChoicesRequest choices, @Context HttpServerRequest request) {
        return dtos.state(ledger.record(Subject.account(accountId()), choices.command(), origins.of(request)));
    }

    /**
     * Called at login: the device's decisions join the account's (the later decision per purpose wins). 409 when the
     * device is linked to another account; linking one's own device again is harmless.
     */
    @Operation(summary = "Link a device to my account", description = "Called at sign-in: the device's decisions "
            + "join the account's (the later decision per purpose wins). 409 when the device is linked to another "
            + "account; linking one's own device again is harmless.")
    @POST
    @Path("/devices/{deviceId}")
    public ConsentStateDto linkDevice(@PathParam("deviceId") @Pattern(regexp = DeviceConsentResource.DEVICE_ID,
            message = DeviceConsentResource.DEVICE_ID_MESSAGE) String deviceId) {
        return dtos.state(ledger.linkDevice(accountId(), deviceId));
    }

    /** Unlinks one of the account's devices; 404 for any device not linked to this account. */
    @Operation(summary = "Unlink a device from my account", description = "Unlinks one of the account's devices, "
            + "whose checks then follow its own decisions again; 404 for a device not linked to this account.")
    @DELETE
    @Path("/devices/{deviceId}")
    @APIResponse(responseCode = "204", description = "Unlinked: the device's checks follow its own decisions again.")
    public Response unlinkDevice(@PathParam("deviceId") @Pattern(regexp = DeviceConsentResource.DEVICE_ID,
            message = DeviceConsentResource.DEVICE_ID_MESSAGE) String deviceId) {
        ledger.unlinkDevice(accountId(), deviceId);
        return Response.noContent().build();
    }

    @Operation(summary = "List my consent receipts", description = "Proof of every decision of the account: "
            + "purpose, decision, notice version, method, origin and time.")
    @GET
    @Path("/receipts")
    public List<ReceiptDto> receipts() {
        return receipts.receiptsOf(accountId());
    }

    private String accountId() {
        return identity.getPrincipal().getName();
    }
}
