package org.privacysuite.newsletter.rest;

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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.privacysuite.commons.security.Roles;
import org.privacysuite.newsletter.rest.NewsletterDtos.TopicDto;
import org.privacysuite.newsletter.rest.NewsletterDtos.TopicUpdate;
import org.privacysuite.newsletter.service.TopicCatalogue;

/** The topics a subscription form offers and issues are written about. */
@Tag(name = "Newsletter topics", description = "The topics a subscription form offers and issues are written "
        + "about.")
@Path("/api/newsletter/topics")
@Produces(MediaType.APPLICATION_JSON)
public class TopicResource {

    @Inject
    TopicCatalogue catalogue;

    @Operation(summary = "List newsletter topics", description = "Every topic with its title and description, for "
            + "subscription forms.")
    @GET
    @PermitAll
    public List<TopicDto> list() {
        return catalogue.all().stream().map(TopicDto::of).toList();
    }

    @Operation(summary = "Create or update a topic", description = "Creates or updates a topic's title and "
            + "description. Marketing or privacy officers.")
    @PUT
    @Path("/{key}")
    @RolesAllowed({ Roles.MARKETING, Roles.PRIVACY_OFFICER })
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "Updated.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TopicDto.class)))
    @APIResponse(responseCode = "201", description = "Created.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TopicDto.class)))
    public Response upsert(@PathParam("key") @Pattern(regexp = TopicCatalogue.TOPIC_KEY) String key,
            @Valid @NotNull TopicUpdate update) {
        TopicCatalogue.Upserted result = catalogue.upsert(key, update.title(), update.description());
        return Response.status(result.created() ? 201 : 200).entity(TopicDto.of(result.topic())).build();
    }
}
