package org.privacysuite.dsar.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.dsar.domain.RequestType;
import org.privacysuite.events.catalogue.AccessRequested;
import org.privacysuite.events.catalogue.ErasureMode;
import org.privacysuite.events.catalogue.ErasureRequested;
import org.privacysuite.events.catalogue.Identities;
import org.privacysuite.events.catalogue.RectificationRequested;
import org.privacysuite.events.outbox.Outbox;

/** The saga's commands on {@code privacy.requests}, through the outbox: the first ask and the re-asks. */
@ApplicationScoped
public class SagaCommands {

    @Inject
    Outbox outbox;

    @Inject
    Rectifications rectifications;

    /**
     * Asks the named participants (empty: every participant) to erase, export or correct. Only proven identities
     * leave dsar-service (docs/identity.md); an unproven address never reaches this point. A correction goes to each
     * owner on its own, with only the fields it holds.
     */
    public void ask(PrivacyRequest request, List<String> participants) {
        UUID id = UUID.fromString(request.id);
        Identities identities = new Identities(request.provenEmail().stream().toList(), List.of());
        if (request.type.correctsData()) {
            rectifications.byOwner(request).forEach((service, changes) -> {
                if (participants.isEmpty() || participants.contains(service)) {
                    outbox.publish(new RectificationRequested(id, subjectKey(request), service, changes, identities));
                }
            });
        } else if (request.type.collectsData()) {
            outbox.publish(new AccessRequested(id, subjectKey(request), identities, participants));
        } else {
            ErasureMode mode = request.type == RequestType.OBJECTION
                    ? ErasureMode.CONSENT_BASED_ONLY : ErasureMode.FULL;
            outbox.publish(new ErasureRequested(id, subjectKey(request), identities, mode, participants));
        }
    }

    /** The subject id events are keyed by; a request by email only has no account, so its own id stands in. */
    public static String subjectKey(PrivacyRequest request) {
        return request.subjectId != null ? request.subjectId : "request:" + request.id;
    }
}
