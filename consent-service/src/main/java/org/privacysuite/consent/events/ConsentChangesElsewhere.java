package org.privacysuite.consent.events;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.privacysuite.consent.service.DecisionCache;
import org.privacysuite.events.catalogue.ConsentChanged;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.events.kafka.BroadcastListener;
import org.privacysuite.events.kafka.CloudEventCodec;
import org.privacysuite.events.kafka.KafkaClients;

/**
 * A withdrawal recorded by another replica must not be answered from this replica's cache: every replica reads
 * {@code consent.changed.v1} (group {@code consent-service.decision-cache.<random>}) and drops the subject's cached
 * decisions.
 */
@ApplicationScoped
public class ConsentChangesElsewhere {

    @Inject
    KafkaClients clients;

    @Inject
    CloudEventCodec codec;

    @Inject
    DecisionCache cache;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    private BroadcastListener listener;

    void onStart(@Observes StartupEvent event) {
        listener = BroadcastListener.start(clients, codec, service + ".decision-cache", Topics.CONSENT_EVENTS,
                ConsentChanged.class, change -> cache.changedElsewhere(change.subjectId()));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (listener != null) {
            listener.close();
        }
    }
}
