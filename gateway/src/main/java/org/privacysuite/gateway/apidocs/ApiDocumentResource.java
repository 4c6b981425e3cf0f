package org.privacysuite.gateway.apidocs;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The merged public API document; the page at /api-docs/ renders it. */
@Tag(name = "API documents", description = "The OpenAPI document of everything a client can call through the gateway.")
@Path("/openapi.json")
public class ApiDocumentResource {

    private final ApiDocuments documents;

    ApiDocumentResource(ApiDocuments documents) {
        this.documents = documents;
    }

    @Operation(summary = "Get the public API document", description = "The OpenAPI 3.1 document of every operation "
            + "the gateway routes, merged from the services' own documents at run time. A service that does not answer "
            + "is described by its last good document, or left out and named in `x-unavailable-services`.")
    @APIResponse(responseCode = "200", description = "The merged OpenAPI document.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> get() {
        return documents.current().map(document -> Response.ok(document.encode()).build());
    }
}
