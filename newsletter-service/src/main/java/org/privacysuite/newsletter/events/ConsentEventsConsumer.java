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
import org.privacysuite.newsletter.domain.InterestPurpose;
import org.privacysuite.newsletter.domain.Subscriber;
import org.privacysuite.newsletter.service.InterestProfiles;

/**
 * Reacts to consent changes: a withdrawal of a purpose the interest profile is collected under
 * ({@link InterestPurpose}) deletes that purpose's rows of the subject's profile. For {@code newsletter-personalisation}
 * the browsing events go too, and so do those of the devices of subscriptions linked to that account (whose checks
 * consent-service answers from the account); for {@code advertising-cookies} consent-service announces each linked
 * device's change itself. A grant needs nothing: collection starts with the next page view.
 * (The consent-client's own listener clears cached decisions on every replica; this consumer clears the local
 * cache too, before deleting, so no view is stored on a stale "granted" in between.)
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
        if (!(event.data().orElse(null) instanceof ConsentChanged change) || change.granted()) {
            return;
        }
        InterestPurpose.ofKey(change.purpose()).ifPresent(purpose -> {
            Set<String> subjects = new LinkedHashSet<>();
            subjects.add(change.subjectId());
            if (purpose == InterestPurpose.NEWSLETTER) {
                Subscriber.<Subscriber>list("accountId", change.subjectId()).stream()
                        .filter(s -> s.deviceId != null).forEach(s -> subjects.add(s.deviceId));
            }
            subjects.forEach(s -> gate.forget(s, purpose.key));
            long[] deleted = profiles.forget(subjects, purpose);
            if (deleted[0] + deleted[1] > 0) {
                registry.counter("newsletter.profiles.deleted", "reason", "consent-withdrawn", "purpose", purpose.key)
                        .increment();
            }
        });
    }
}
