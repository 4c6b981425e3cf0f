package org.privacysuite.dsar.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.privacysuite.commons.security.Roles;
import org.privacysuite.dsar.domain.DeclaredParticipant;
import org.privacysuite.dsar.service.ParticipantRegistry;

/**
 * The participants as they declared themselves (record types, erasure action per type, processing activities), for
 * officers, the console and the record of processing; and the retirement of one that is gone.
 */
@Path("/api/privacy/participants")
@Tag(name = "Participants", description = "The services that take part in privacy requests, as they declared "
        + "themselves: record types, what erasure does to each, processing activities.")
@RolesAllowed(Roles.PRIVACY_OFFICER)
@Produces(MediaType.APPLICATION_JSON)
public class ParticipantResource {

    @Inject
    ParticipantRegistry registry;

    @Inject
    ObjectMapper mapper;

    @Inject
    SecurityIdentity identity;

    /** Every declared service; {@code active} false once retired (until it declares itself again). */
    public record ParticipantDto(String service, boolean active, Instant declaredAt, Instant retiredAt,
            String retiredBy, JsonNode declaration) {
    }

    @GET
    @Operation(summary = "List the participants", description = "Every service that declared itself a participant "
            + "of privacy requests, with its latest declaration and whether an officer retired it.")
    public List<ParticipantDto> list() {
        return DeclaredParticipant.all().stream().map(this::view).toList();
    }

    /** New sagas skip the service, and open requests stop waiting for it (audited on each). */
    @POST
    @Path("/{service}/retire")
    @Operation(summary = "Retire a participant", description = "Stops asking a service that is gone: new requests "
            + "skip it and open requests stop waiting for it (audited on each). A later declaration makes it active "
            + "again. 404 for a service never declared, 409 when already retired.")
    public ParticipantDto retire(@PathParam("service") @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,99}") String service) {
        return view(registry.retire(service, "officer:" + identity.getPrincipal().getName()));
    }

    private ParticipantDto view(DeclaredParticipant p) {
        try {
            return new ParticipantDto(p.service, p.isActive(), p.declaredAt, p.retiredAt, p.retiredBy,
                    mapper.readTree(p.declarationJson));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
