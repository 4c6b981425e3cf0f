package org.privacysuite.account.events;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import org.privacysuite.account.config.AccountConfig;
import org.privacysuite.account.service.AppUsage;
import org.privacysuite.events.catalogue.ConsentChanged;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.events.inbox.InboxConsumers;
import org.privacysuite.events.kafka.InboundEvent;

/** Applies withdrawals of {@code app-usage-data} consent: the usage data collected under it is deleted. */
@ApplicationScoped
public class ConsentEventsConsumer {

    public static final String CONSUMER = "account-service.consent-events";

    @Inject
    InboxConsumers consumers;

    @Inject
    AppUsage usage;

    @Inject
    AccountConfig config;

    void onStart(@Observes @Priority(100) StartupEvent event) {
        consumers.start(CONSUMER, List.of(Topics.CONSENT_EVENTS), this::handle);
    }

    void handle(InboundEvent event) {
        if (event.data().orElse(null) instanceof ConsentChanged change && !change.granted()
                && config.appUsage().purpose().equals(change.purpose())) {
            usage.withdraw(change.subjectId(), change.at() != null ? change.at() : event.time().toInstant(), event.id());
        }
        // Grants need nothing here: collection asks consent-service for every event.
    }
}
