package org.privacysuite.newsletter.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.commons.security.Roles;
import org.privacysuite.newsletter.rest.OfferDtos.CatalogueOfferDto;
import org.privacysuite.newsletter.rest.OfferDtos.OfferUpdate;
import org.privacysuite.newsletter.service.OfferCatalogue;
import org.privacysuite.newsletter.service.TopicCatalogue;

/** The offers catalogue, for marketing (and privacy officers, who answer for what it may contain). */
@Tag(name = "Offers catalogue", description = "Offers with their topics, validity and non-personalised order.")
@Path("/api/offers/catalogue")
@RolesAllowed({ Roles.MARKETING, Roles.PRIVACY_OFFICER })
@Produces(MediaType.APPLICATION_JSON)
public class OfferCatalogueResource {

    @Inject
    OfferCatalogue catalogue;

    @Inject
    SecurityIdentity identity;

    @Operation(summary = "List the catalogue", description = "Every offer, valid or not, in the non-personalised order.")
    @GET
    public List<CatalogueOfferDto> list() {
        return catalogue.all().stream().map(CatalogueOfferDto::of).toList();
    }

    @Operation(summary = "Create or update an offer", description = "Topics must be topics of the catalogue; the link a "
            + "path on the site or an https URL; `validUntil` after `validFrom`. `fallbackRank` places the offer in the "
            + "non-personalised order (lower first).")
    @PUT
    @Path("/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "Updated.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CatalogueOfferDto.class)))
    @APIResponse(responseCode = "201", description = "Created.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CatalogueOfferDto.class)))
    public Response upsert(@PathParam("key") @Pattern(regexp = TopicCatalogue.TOPIC_KEY) String key,
            @Valid @NotNull OfferUpdate update) {
        OfferCatalogue.Upserted result = catalogue.upsert(key, update.draft(), identity.getPrincipal().getName());
        return Response.status(result.created() ? 201 : 200).entity(CatalogueOfferDto.of(result.offer())).build();
    }

    @Operation(summary = "Remove an offer", description = "Removes the offer from the catalogue; it is no longer offered to anyone.")
    @DELETE
    @Path("/{key}")
    @APIResponse(responseCode = "204", description = "Removed.")
    public Response delete(@PathParam("key") @Pattern(regexp = TopicCatalogue.TOPIC_KEY) String key) {
        if (!catalogue.delete(key)) {
            throw ProblemException.notFound("An offer with this key");
        }
        return Response.noContent().build();
    }
}
