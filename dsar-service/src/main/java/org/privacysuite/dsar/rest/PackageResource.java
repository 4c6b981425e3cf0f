package org.privacysuite.dsar.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.commons.security.Roles;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.dsar.domain.RequestType;
import org.privacysuite.dsar.service.ExportLinks;
import org.privacysuite.dsar.service.ExportPackages;
import org.privacysuite.dsar.service.OfficerActions;
import org.privacysuite.dsar.service.PortabilityArchive;

/** The data package of a fulfilled ACCESS or PORTABILITY request, for the person who asked. */
@Tag(name = "Privacy requests")
@Path("/api/privacy-requests")
public class PackageResource {

    static final String ZIP = "application/zip";
    private static final String ID = PrivacyRequestResource.ID;
    private static final String DEVICE_HEADER = PrivacyRequestResource.DEVICE_HEADER;

    @Inject
    SecurityIdentity identity;

    @Inject
    ExportPackages exports;

    @Inject
    ExportLinks exportLinks;

    @Inject
    PortabilityArchive archive;

    /**
     * The Art. 15/20 package, for the person who asked: signed in as the subject, without an account with the
     * download link mailed to the verified address ({@code ?token=}), or for a cookie-only visitor with the device id.
     */
    @Operation(summary = "Download the data package", description = "The Art. 15/20 package as machine-readable "
            + "JSON, once the request is fulfilled: for the signed-in owner, without an account with the download "
            + "link mailed to the verified address (`token`), or for a request made with a device id alone with that "
            + "id in the X-Device-Id header. A PORTABILITY package is also available as a zip with one CSV per "
            + "record type (`Accept: application/zip`; docs/portability.md).")
    @GET
    @Path("/{id}/export")
    @PermitAll
    @Produces({ MediaType.APPLICATION_JSON, ZIP })
    @APIResponse(responseCode = "200", description = "The package: JSON, or for PORTABILITY with Accept:"
            + " application/zip a zip of CSV files.", content = {
                    @Content(mediaType = "application/json"),
                    @Content(mediaType = ZIP, schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    public Response export(@PathParam("id") @Pattern(regexp = ID) String id,
            @QueryParam("token") @Size(max = 100) String token,
            @HeaderParam(DEVICE_HEADER) @Size(max = 64) String device,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        PrivacyRequest request;
        if (token != null) {
            request = exportLinks.open(id, token);
        } else if (device != null) {
            request = PrivacyRequestResource.heldBy(id, device);
        } else if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        } else if (!identity.hasRole(Roles.USER)) {
            throw new ForbiddenException();
        } else {
            request = OfficerActions.load(id);
            if (!request.isOwnedBy(identity.getPrincipal().getName())) {
                throw ProblemException.notFound("Privacy request " + id);
            }
        }
        ObjectNode export = exports.assemble(request);
        if (accept != null && accept.contains(ZIP)) {
            if (request.type != RequestType.PORTABILITY) {
                throw new ProblemException(406, "zip-for-portability-only", "Not available as a zip",
                        "A zip of CSV files is made for PORTABILITY requests; this one is " + request.type
                                + ", available as JSON");
            }
            return Response.ok(archive.zip(export), ZIP)
                    .header("Content-Disposition", "attachment; filename=\"privacy-export-" + id + ".zip\"").build();
        }
        return Response.ok(export, MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"privacy-export-" + id + ".json\"").build();
    }
}
