package org.privacysuite.dsar.register;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.privacysuite.commons.security.Roles;
import org.privacysuite.dsar.service.CsvRows;

/** The GDPR Art. 30 register for officers (and supervisory authorities, on request): JSON, or CSV for a spreadsheet. */
@Path("/api/privacy/record-of-processing")
@Tag(name = "Record of processing", description = "The GDPR Art. 30 register, assembled from every service's "
        + "declarations.")
@RolesAllowed(Roles.PRIVACY_OFFICER)
public class RecordOfProcessingResource {

    static final String CSV = "text/csv";

    @Inject
    RecordOfProcessing register;

    @Inject
    ObjectMapper mapper;

    @Operation(summary = "Get the record of processing", description = "One entry per processing activity of every "
            + "service: purpose, legal basis, categories of people and data, record types (with their tables, origin"
            + " and fate on erasure), recipients, retention, storage location and transfers with their safeguards. "
            + "Built from what each service declares next to its code. `Accept: text/csv` gives one row per "
            + "activity. Privacy officers only.")
    @GET
    @Produces({ MediaType.APPLICATION_JSON, CSV })
    @APIResponse(responseCode = "200", description = "The register.", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RecordOfProcessing.Register.class)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)) })
    public Response get(@HeaderParam(HttpHeaders.ACCEPT) String accept) {
        RecordOfProcessing.Register current = register.register();
        if (accept != null && accept.contains(CSV) && !accept.contains(MediaType.APPLICATION_JSON)) {
            return Response.ok(CsvRows.write(rows(current)), CSV + "; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"record-of-processing.csv\"").build();
        }
        return Response.ok(current, MediaType.APPLICATION_JSON).build();
    }

    /** One flat row per activity; lists joined with "; ". */
    private ArrayNode rows(RecordOfProcessing.Register current) {
        ArrayNode rows = mapper.createArrayNode();
        for (RecordOfProcessing.Entry e : current.activities()) {
            rows.addObject().put("service", e.service()).put("activity", e.activity()).put("purpose", e.purpose())
                    .put("legalBasis", e.legalBasis()).put("subjects", String.join("; ", e.subjects()))
                    .put("dataCategories", String.join("; ", e.dataCategories()))
                    .put("recordTypes", e.recordTypes().stream().map(RecordOfProcessing.RecordTypeEntry::recordType)
                            .collect(Collectors.joining("; ")))
                    .put("stores", e.recordTypes().stream().flatMap(t -> t.stores().stream())
                            .collect(Collectors.joining("; ")))
                    .put("recipients", String.join("; ", e.recipients())).put("retention", e.retention())
                    .put("source", e.source())
                    .put("storageCountry", e.storage() == null ? null : e.storage().country())
                    .put("storageRegion", e.storage() == null ? null : e.storage().region())
                    .put("storageProvider", e.storage() == null ? null : e.storage().provider())
                    .put("transfers", e.transfers().isEmpty() ? "none" : e.transfers().stream()
                            .map(t -> t.recipient() + " (" + t.country() + "): " + t.safeguard())
                            .collect(Collectors.joining("; ")));
        }
        return rows;
    }
}
