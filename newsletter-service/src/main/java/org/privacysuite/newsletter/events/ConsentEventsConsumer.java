package org.privacysuite.newsletter.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.privacysuite.consentclient.ConsentGate;
import org.privacysuite.events.catalogue.ConsentChanged;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.events.inbox.InboxConsumers;
import org.privacysuite.events.kafka.InboundEvent;
import org.privacysuite.newsletter.domain.Subscriber;
import org.privacysuite.newsletter.service.InterestProfiles;

/**
 * Reacts to consent changes: a withdrawal of {@code newsletter-personalisation} deletes the subject's interest
 * profile and browsing events (and those of the devices of subscriptions linked to that account, whose checks
 * consent-service answers from the account). A grant needs nothing: collection starts with the next event.
 * (The consent-client's own listener clears cached decisions on every replica; this consumer clears the local
 * cache too, before deleting, so no event is stored on a stale "granted" in between.)
 */
@ApplicationScoped
public class ConsentEventsConsumer {

    public static final String CONSUMER = "newsletter-service.consent-events";

    @Inject
    InboxConsumers consumers;

    @Inject
    InterestProfiles profiles;

    @Inject
    ConsentGate gate;

    @Inject
    MeterRegistry registry;

    void onStart(@Observes @Priority(100) StartupEvent event) {
        consumers.start(CONSUMER, List.of(Topics.CONSENT_EVENTS), this::handle);
    }

    void handle(InboundEvent event) {
        if (event.data().orElse(null) instanceof ConsentChanged change
                && InterestProfiles.PURPOSE.equals(change.purpose()) && !change.granted()) {
            Set<String> subjects = new LinkedHashSet<>();
            subjects.add(change.subjectId());
            Subscriber.<Subscriber>list("accountId", change.subjectId()).stream()
                    .filter(s -> s.deviceId != null).forEach(s -> subjects.add(s.deviceId));
            subjects.forEach(s -> gate.forget(s, InterestProfiles.PURPOSE));
            long[] deleted = profiles.forget(subjects);
            if (deleted[0] + deleted[1] > 0) {
                registry.counter("newsletter.profiles.deleted", "reason", "consent-withdrawn").increment();
            }
        }
    }
}
