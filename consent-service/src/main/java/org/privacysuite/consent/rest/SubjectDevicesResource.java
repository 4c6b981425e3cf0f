package org.privacysuite.consent.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.privacysuite.commons.security.Roles;
import org.privacysuite.consent.domain.DeviceLink;

/**
 * Which devices signed in to an account: dsar-service asks before it sends a privacy request, so that the request
 * names the devices it acts on. Services only: a device id is the bearer secret of a device's choices, so no person
 * (not even an officer) reads another account's devices here. An unknown account has none; the answer does not say
 * whether the account exists.
 */
@Tag(name = "Identity lookups", description = "What dsar-service asks to resolve a privacy request's identities; "
        + "services only.")
@Path("/api/consent/subjects/{subjectId}/devices")
@RolesAllowed(Roles.SERVICE)
@Produces(MediaType.APPLICATION_JSON)
public class SubjectDevicesResource {

    /**
     * A Keycloak subject id: a UUID, or {@code f:<provider>:<id>} for a federated user. At most 100 characters, as
     * the ledger stores subject ids.
     */
    public static final String SUBJECT_ID = "[A-Za-z0-9][A-Za-z0-9._:-]{0,99}";
    public static final String SUBJECT_ID_MESSAGE = "must be an account's subject id: up to 100 letters, digits and . _ : -";

    @Operation(summary = "List the devices linked to an account", description = "The device ids linked to the "
            + "account (its Keycloak subject id) by signing in on them, in id order; an empty list for an account "
            + "without devices or unknown here. dsar-service calls it to resolve a privacy request's "
            + "identities. Services only.")
    @GET
    public SubjectDevicesDto devices(
            @PathParam("subjectId") @Pattern(regexp = SUBJECT_ID, message = SUBJECT_ID_MESSAGE) String subjectId) {
        return new SubjectDevicesDto(subjectId, DeviceLink.devicesOf(subjectId));
    }
}
