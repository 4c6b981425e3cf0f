package org.privacysuite.events.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.privacysuite.events.config.EventsConfig;
import org.privacysuite.events.kafka.CloudEventCodec;
import org.privacysuite.events.kafka.KafkaClients;
import org.privacysuite.events.supervisor.Supervisor;
import org.privacysuite.events.supervisor.Worker;
import org.privacysuite.events.tracing.EventTraces;

/**
 * Starts and stops a service's inbox consumers, and forgets inbox entries past their retention.
 * A service starts its consumers from a {@code StartupEvent} observer: {@code consumers.start("newsletter-service.consent-events",
 * List.of(Topics.CONSENT_EVENTS), handler)}. The consumer name is also its Kafka group id (plus the configured
 * prefix, if any). Each consumer runs as a worker of the {@link Supervisor}, restarted if its thread dies.
 */
@ApplicationScoped
public class InboxConsumers {

    private static final Logger LOG = Logger.getLogger(InboxConsumers.class);

    @Inject
    KafkaClients clients;

    @Inject
    CloudEventCodec codec;

    @Inject
    Inbox inbox;

    @Inject
    DeadLetters deadLetters;

    @Inject
    EventsConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    @Inject
    Supervisor supervisor;

    @Inject
    EventTraces traces;

    private final List<InboxConsumer> running = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService purger;

    public InboxConsumer start(String name, Collection<String> topics, InboundEventHandler handler) {
        String groupId = config.consumer().groupIdPrefix().orElse("") + name;
        // the handler runs in a span continuing the event's trace, so what it publishes continues it too
        InboxConsumer consumer = new InboxConsumer(name, topics, traces.traced(name, handler),
                () -> clients.newConsumer(groupId), codec, inbox, deadLetters, config.consumer(), registry);
        Worker worker = supervisor.start("inbox-" + name, consumer::run);
        consumer.stopWith(() -> supervisor.stop(worker, consumer::wakeup));
        running.add(consumer);
        return consumer;
    }

    /** Stops one consumer (tests and shutdown). */
    public void stop(InboxConsumer consumer) {
        running.remove(consumer);
        consumer.close();
    }

    void onStart(@Observes @Priority(30) StartupEvent event) {
        purger = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "inbox-purge"));
        long everyMinutes = Math.max(1, config.consumer().inboxPurgeInterval().toMinutes());
        purger.scheduleWithFixedDelay(this::purge, everyMinutes, everyMinutes, TimeUnit.MINUTES);
    }

    private void purge() {
        try {
            int purged;
            do {
                purged = inbox.purgeBefore(Instant.now(clock).minus(config.consumer().inboxRetention()));
            } while (purged == 5000);
        } catch (RuntimeException e) {
            LOG.warnf("Inbox purge failed: %s", e.getMessage());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (purger != null) {
            purger.shutdownNow();
        }
        running.forEach(InboxConsumer::close);
        running.clear();
    }
}
