package org.privacysuite.consentclient;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;
import org.privacysuite.events.catalogue.ConsentChanged;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.events.kafka.CloudEventCodec;
import org.privacysuite.events.kafka.KafkaClients;
import org.privacysuite.events.kafka.MalformedEventException;

/**
 * Clears cached decisions when consent changes. Every replica must see every change, so each instance reads with a
 * group of its own from the end of the topic; clearing a cache entry twice is harmless, so no inbox is needed.
 * Domain reactions to a change (deleting an interest profile) belong in an inbox consumer instead.
 */
@ApplicationScoped
public class ConsentChangeListener {

    private static final Logger LOG = Logger.getLogger(ConsentChangeListener.class);

    @Inject
    KafkaClients clients;

    @Inject
    CloudEventCodec codec;

    @Inject
    ConsentGate gate;

    @Inject
    ConsentClientConfig config;

    private volatile boolean running = true;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    void onStart(@Observes StartupEvent event) {
        consumer = clients.newConsumer(config.serviceName() + ".consent-cache." + UUID.randomUUID(), "latest");
        thread = new Thread(this::run, "consent-cache-invalidation");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.CONSENT_EVENTS));
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    forget(record);
                }
            }
        } catch (WakeupException e) {
            // shutting down
        } catch (RuntimeException e) {
            LOG.errorf(e, "Consent cache invalidation stopped; cached decisions now only expire by TTL");
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void forget(ConsumerRecord<String, byte[]> record) {
        try {
            if (codec.decode(record).data().orElse(null) instanceof ConsentChanged change) {
                gate.forget(change.subjectId(), change.purpose());
            }
        } catch (MalformedEventException e) {
            LOG.debugf("Ignoring malformed record on %s: %s", record.topic(), e.getMessage());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
    }
}
