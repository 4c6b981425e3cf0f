package org.privacysuite.account.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.privacysuite.account.service.IdentityLookup;
import org.privacysuite.commons.security.Roles;

/**
 * dsar-service resolves a privacy request's identities here before it sends commands. A POST, so that e-mail
 * addresses travel in the body, never in a URL that access logs and proxies keep.
 */
@Tag(name = "Account identities", description = "For dsar-service: the accounts behind proven e-mail addresses and "
        + "the verified e-mail addresses of accounts.")
@Path("/api/accounts/identities")
@RolesAllowed(Roles.SERVICE)
public class IdentityLookupResource {

    @Inject
    IdentityLookup lookup;

    @Operation(summary = "Resolve identities", description = "For each e-mail, the account whose identity-provider "
            + "address it is (in any case) and who verified it; for each subject id, that account with its address "
            + "if verified, else email null. Unknown ones are left out; each account appears once, in the order "
            + "first found (e-mails first). Closed accounts are answered until their erasure. At most 10 of each. "
            + "Services only; 503 when the identity provider cannot be reached (ask again).")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The accounts found.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = IdentityLookupDto.class)))
    public IdentityLookupDto resolve(@Valid @NotNull IdentityLookupRequest request) {
        return IdentityLookupDto.of(lookup.resolve(request.emailsOrNone(), request.subjectIdsOrNone()));
    }
}
