package org.privacysuite.events.participant;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import org.jboss.logging.Logger;
import org.privacysuite.events.catalogue.ParticipantDeclared;
import org.privacysuite.events.config.EventsConfig;
import org.privacysuite.events.outbox.Outbox;

/**
 * Declares each participant of this service on {@code privacy.participants} at every start, through the outbox (so a
 * broker that is down at start delays the declaration, never loses it). dsar-service starts its sagas with the
 * declared set: a service is asked because it said it holds personal data, not because a list somewhere names it.
 * Every replica declares; the topic is compacted per service, so repeats cost nothing.
 */
@ApplicationScoped
public class ParticipantDeclarer {

    private static final Logger LOG = Logger.getLogger(ParticipantDeclarer.class);

    @Inject
    Instance<PrivacyRequestParticipant> participants;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    EventsConfig config;

    void onStart(@Observes @Priority(50) StartupEvent event) {
        for (PrivacyRequestParticipant participant : participants) {
            QuarkusTransaction.requiringNew().run(() -> outbox.publish(declarationOf(participant)));
            LOG.infof("Declared %s as a privacy-request participant (%d record types)", participant.service(),
                    participant.recordTypes().size());
        }
    }

    ParticipantDeclared declarationOf(PrivacyRequestParticipant participant) {
        EventsConfig.Residency residency = config.residency();
        return ParticipantDeclared.declaration(participant.service(), participant.recordTypes(),
                participant.activities(), participant.rectifiableFields(), clock.instant())
                .storedIn(new ParticipantDeclared.Residency(residency.country(), residency.region(),
                        residency.provider()), participant.transfers());
    }
}
