package org.privacysuite.consent.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.commons.security.Roles;
import org.privacysuite.consent.domain.LegalBasis;
import org.privacysuite.consent.service.PurposeCatalogue;

@Tag(name = "Purposes", description = "The catalogue of processing purposes a banner shows, with their notice "
        + "texts and versions.")
@Path("/api/consent/purposes")
@Produces(MediaType.APPLICATION_JSON)
public class PurposeResource {

    @Inject
    PurposeCatalogue catalogue;

    @Inject
    SecurityIdentity identity;

    /** The public catalogue every banner renders. */
    @Operation(summary = "List the purposes", description = "The public catalogue every banner renders: per "
            + "purpose its key, title, description, legal basis, current notice version, whether it is required "
            + "and whether the Global Privacy Control signal opts it out.")
    @GET
    @PermitAll
    public List<PurposeDto> list() {
        return catalogue.all().stream().map(ConsentDtos::purpose).toList();
    }

    /** Every published notice text of a purpose: what a person saw when they decided. */
    @Operation(summary = "List a purpose's notice versions", description = "Every published notice text of a "
            + "purpose, oldest first, with its version, legal basis, publication time and whether the change was "
            + "material: what a person saw when they decided.")
    @GET
    @Path("/{key}/notices")
    @PermitAll
    public List<NoticeDto> notices(@PathParam("key") @Pattern(regexp = ChoicesRequest.PURPOSE_KEY) String key) {
        catalogue.find(key).orElseThrow(() -> ProblemException.notFound("Purpose " + key));
        return catalogue.notices(key).stream()
                .map(n -> new NoticeDto(n.version, n.title, n.description, n.legalBasis, n.materialChange, n.publishedAt))
                .toList();
    }

    @Operation(summary = "Create or update a purpose", description = "Creates the purpose, or updates it; a change "
            + "of its text publishes a new notice version, and consents given earlier stay tied to the version "
            + "that was shown. Privacy officers only.")
    @PUT
    @Path("/{key}")
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "Updated.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PurposeDto.class)))
    @APIResponse(responseCode = "201", description = "Created.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PurposeDto.class)))
    public Response upsert(@PathParam("key") @Pattern(regexp = ChoicesRequest.PURPOSE_KEY) String key,
            @Valid @NotNull PurposeUpdate update) {
        PurposeCatalogue.Upserted result = catalogue.upsert(key, update.definition(), identity.getPrincipal().getName());
        return Response.status(result.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(ConsentDtos.purpose(result.purpose())).build();
    }

    public record NoticeDto(int version, String title, String description, LegalBasis legalBasis,
            boolean materialChange, Instant publishedAt) {
    }
}
