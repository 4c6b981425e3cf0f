package org.privacysuite.consent.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.privacysuite.commons.security.Roles;
import org.privacysuite.consent.service.ConsentDecisions;

/** The hot path other services ask before they use data for a purpose. */
@Tag(name = "Consent check", description = "The hot path other services ask before they use personal data for a "
        + "purpose.")
@Path("/api/consent/check")
@RolesAllowed(Roles.SERVICE)
@Produces(MediaType.APPLICATION_JSON)
public class ConsentCheckResource {

    @Inject
    ConsentDecisions decisions;

    @Operation(summary = "Check a subject's consent", description = "Whether the subject (account or device id) "
            + "allows the purpose now, with the notice version and the time of the decision. An unknown subject is "
            + "not allowed for consent-based purposes. Services only.")
    @GET
    public CheckDto check(@QueryParam("subject") @NotBlank @Size(max = 100) String subject,
            @QueryParam("purpose") @NotBlank @Pattern(regexp = ChoicesRequest.PURPOSE_KEY) String purpose) {
        return ConsentDtos.check(subject, purpose, decisions.check(subject, purpose));
    }
}
