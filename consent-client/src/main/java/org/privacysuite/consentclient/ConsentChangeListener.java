package org.privacysuite.consentclient;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.privacysuite.events.catalogue.ConsentChanged;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.events.kafka.BroadcastListener;
import org.privacysuite.events.kafka.CloudEventCodec;
import org.privacysuite.events.kafka.KafkaClients;

/** Clears cached decisions when consent changes, on every replica (group {@code <service>.consent-cache.<random>}). */
@ApplicationScoped
public class ConsentChangeListener {

    @Inject
    KafkaClients clients;

    @Inject
    CloudEventCodec codec;

    @Inject
    ConsentGate gate;

    @Inject
    ConsentClientConfig config;

    private BroadcastListener listener;

    void onStart(@Observes StartupEvent event) {
        listener = BroadcastListener.start(clients, codec, config.serviceName() + ".consent-cache", Topics.CONSENT_EVENTS,
                ConsentChanged.class, change -> gate.forget(change.subjectId(), change.purpose()));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (listener != null) {
            listener.close();
        }
    }
}
