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
import org.privacysuite.commons.security.Roles;
import org.privacysuite.consent.service.ConsentDecisions;

/** The hot path other services ask before they use data for a purpose. */
@Path("/api/consent/check")
@RolesAllowed(Roles.SERVICE)
@Produces(MediaType.APPLICATION_JSON)
public class ConsentCheckResource {

    @Inject
    ConsentDecisions decisions;

    @GET
    public CheckDto check(@QueryParam("subject") @NotBlank @Size(max = 100) String subject,
            @QueryParam("purpose") @NotBlank @Pattern(regexp = ChoicesRequest.PURPOSE_KEY) String purpose) {
        return ConsentDtos.check(subject, purpose, decisions.check(subject, purpose));
    }
}
