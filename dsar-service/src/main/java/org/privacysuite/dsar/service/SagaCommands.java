package org.privacysuite.dsar.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.dsar.domain.RequestType;
import org.privacysuite.dsar.identity.ResolvedIdentities;
import org.privacysuite.events.catalogue.AccessRequested;
import org.privacysuite.events.catalogue.ErasureMode;
import org.privacysuite.events.catalogue.ErasureRequested;
import org.privacysuite.events.catalogue.Identities;
import org.privacysuite.events.catalogue.ObjectionRequested;
import org.privacysuite.events.catalogue.RectificationRequested;
import org.privacysuite.events.catalogue.SubjectKeys;
import org.privacysuite.events.outbox.Outbox;

/** The saga's commands on {@code privacy.requests}, through the outbox: the first ask and the re-asks. */
@ApplicationScoped
public class SagaCommands {

    @Inject
    Outbox outbox;

    @Inject
    Rectifications rectifications;

    /**
     * Asks the named participants (empty: every participant) to erase, export, correct or stop processing. Only
     * proven identities and those resolved from them leave dsar-service (docs/identity.md); an unproven address
     * never reaches this point. A correction goes to each
     * owner on its own, with only the fields it holds.
     */
    public void ask(PrivacyRequest request, List<String> participants) {
        UUID id = UUID.fromString(request.id);
        Identities identities = ResolvedIdentities.of(request).identities();
        if (request.type.correctsData()) {
            rectifications.byOwner(request).forEach((service, changes) -> {
                if (participants.isEmpty() || participants.contains(service)) {
                    outbox.publish(new RectificationRequested(id, subjectKey(request), service, changes, identities));
                }
            });
        } else if (request.type.collectsData()) {
            outbox.publish(new AccessRequested(id, subjectKey(request), identities, participants,
                    request.type == RequestType.PORTABILITY));
        } else if (request.type.stopsProcessing()) {
            outbox.publish(new ObjectionRequested(id, subjectKey(request), identities, request.objectionScope,
                    participants));
        } else {
            outbox.publish(new ErasureRequested(id, subjectKey(request), identities, ErasureMode.FULL, participants));
        }
    }

    /**
     * The subject id events are keyed by: the account (signed in, or resolved from a proven address); without one, the
     * request's own id stands in.
     */
    public static String subjectKey(PrivacyRequest request) {
        String subject = ResolvedIdentities.of(request).subjectId();
        return subject != null ? subject : SubjectKeys.standInFor(request.id);
    }
}
