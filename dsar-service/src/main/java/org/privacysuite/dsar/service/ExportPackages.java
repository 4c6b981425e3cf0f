package org.privacysuite.dsar.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.dsar.domain.Participant;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.dsar.domain.RequestStatus;
import org.privacysuite.dsar.domain.RequestType;
import org.privacysuite.dsar.register.DsarProcessing;
import org.privacysuite.dsar.register.OwnRecords;
import org.privacysuite.dsar.register.RecordOfProcessing;
import org.privacysuite.events.catalogue.ParticipantDeclared;

/**
 * Assembles the package from every participant's (encrypted) answer: {@code requestId, subject, generatedAt,
 * sections: {consent, account, newsletter}} where a section is named after its service; an ACCESS package adds
 * {@code processing} (the register's activities, Art. 15(1)) and the {@code dsar} section (the person's own privacy
 * requests and their audit trail). For a PORTABILITY request
 * (Art. 20) a section holds only the record types its service declares as provided or observed, each an array of
 * flat rows ({@code AccessRequested}), which {@link PortabilityArchive} also writes as one CSV per record type.
 */
@ApplicationScoped
public class ExportPackages {

    @Inject
    ExportVault vault;

    @Inject
    ObjectMapper mapper;

    @Inject
    Declarations declarations;

    @Inject
    RecordOfProcessing register;

    @Inject
    OwnRecords ownRecords;

    @Inject
    Clock clock;

    @Inject
    AnswerAssembly assembly;

    public ObjectNode assemble(PrivacyRequest request) {
        if (!request.type.collectsData()) {
            throw ProblemException.notFound("An export of request " + request.id);
        }
        if (request.status != RequestStatus.FULFILLED && request.status != RequestStatus.CLOSED) {
            throw ProblemException.conflict("export-not-ready", "Not ready",
                    "The export is available once every service has answered (now " + request.status + ")");
        }
        ObjectNode export = mapper.createObjectNode();
        export.put("requestId", request.id);
        export.put("subject", SagaCommands.subjectKey(request));
        export.put("type", request.type.name());
        export.put("generatedAt", Instant.now(clock).toString());
        ObjectNode sections = export.putObject("sections");
        Map<String, ParticipantDeclared> portable = request.type == RequestType.PORTABILITY ? declarations.active()
                : Map.of();
        for (Participant participant : Participant.of(request.id)) {
            if (participant.dataEncrypted == null && participant.answerId == null) {
                throw new ProblemException(410, "export-deleted", "Export deleted",
                        "The export's data was deleted at the end of its retention period");
            }
            try {
                JsonNode data = participant.answerId != null ? assembly.joined(participant)
                        : mapper.readTree(vault.open(participant.dataEncrypted));
                sections.set(sectionName(participant.service), request.type == RequestType.PORTABILITY
                        ? portableOnly(participant.service, data, portable) : data);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        if (request.type == RequestType.ACCESS) {
            // Art. 15(1)(a)-(h): why, what, to whom, how long, from where, stored where; and this service's own
            // records of the person (their requests and what was done with them).
            export.set("processing", mapper.valueToTree(register.register().activities()));
            sections.set(sectionName(DsarProcessing.SERVICE), ownRecords.of(request));
        }
        return export;
    }

    /**
     * The record types the service declares provided or observed: what its answer holds besides them (an older
     * participant's full export) stays out, so the package never carries derived or business data.
     */
    private ObjectNode portableOnly(String service, JsonNode data, Map<String, ParticipantDeclared> declared) {
        ObjectNode section = mapper.createObjectNode();
        ParticipantDeclared declaration = declared.get(service);
        if (declaration == null) {
            return section;
        }
        declaration.recordTypes().stream().filter(ParticipantDeclared.DeclaredRecordType::portable)
                .map(ParticipantDeclared.DeclaredRecordType::recordType)
                .forEach(type -> section.set(type, data.path(type).isArray() ? data.get(type)
                        : mapper.createArrayNode()));
        return section;
    }

    static String sectionName(String service) {
        return service.endsWith("-service") ? service.substring(0, service.length() - "-service".length()) : service;
    }
}
