package org.privacysuite.consent.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
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

    @Operation(summary = "Check many subjects and purposes at once", description = "Every subject (up to 100) "
            + "against every purpose (up to 20) in one call, each decision as `GET` answers it, subject by subject in "
            + "the order asked. An unknown purpose is a 400 naming it, and nothing is answered. Services only.")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public BatchCheck.Answer checkMany(@Valid @NotNull BatchCheck.Request request) {
        decisions.requireKnown("purposes", request.purposes());
        List<String> purposes = request.purposes().stream().distinct().toList();
        List<CheckDto> answers = new ArrayList<>(request.subjects().size() * purposes.size());
        for (String subject : request.subjects().stream().distinct().toList()) {
            for (String purpose : purposes) {
                answers.add(ConsentDtos.check(subject, purpose, decisions.check(subject, purpose)));
            }
        }
        return new BatchCheck.Answer(answers);
    }
}
