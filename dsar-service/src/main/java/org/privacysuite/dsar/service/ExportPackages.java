package org.privacysuite.dsar.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.dsar.domain.Participant;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.dsar.domain.RequestStatus;

/**
 * Assembles the Art. 20 package from every participant's (encrypted) answer: {@code requestId, subject,
 * generatedAt, sections: {consent, account, newsletter}} where a section is named after its service.
 */
@ApplicationScoped
public class ExportPackages {

    @Inject
    ExportVault vault;

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

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
        for (Participant participant : Participant.of(request.id)) {
            if (participant.dataEncrypted == null) {
                throw new ProblemException(410, "export-deleted", "Export deleted",
                        "The export's data was deleted at the end of its retention period");
            }
            try {
                sections.set(sectionName(participant.service), mapper.readTree(vault.decrypt(participant.dataEncrypted)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return export;
    }

    static String sectionName(String service) {
        return service.endsWith("-service") ? service.substring(0, service.length() - "-service".length()) : service;
    }
}
