package org.privacysuite.events.kafka;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;
import org.privacysuite.events.catalogue.EventData;

/**
 * Reads a topic on every replica: each instance has a consumer group of its own and starts at the end of the topic,
 * so every replica sees every new event. For idempotent in-memory reactions such as dropping cached decisions; no
 * inbox, no committed offsets. Domain reactions belong in an inbox consumer instead.
 */
public final class BroadcastListener implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BroadcastListener.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final CloudEventCodec codec;
    private final Consumer<InboundEvent> handler;
    private final String topic;
    private final Thread thread;
    private volatile boolean running = true;

    private BroadcastListener(KafkaClients clients, CloudEventCodec codec, String groupPrefix, String topic,
            Consumer<InboundEvent> handler) {
        this.consumer = clients.newConsumer(groupPrefix + "." + UUID.randomUUID(), "latest");
        this.codec = codec;
        this.handler = handler;
        this.topic = topic;
        this.thread = new Thread(this::run, groupPrefix + "-broadcast");
        this.thread.setDaemon(true);
    }

    /** Starts reading {@code topic} in a thread of its own, with the group {@code <groupPrefix>.<random>}. */
    public static BroadcastListener start(KafkaClients clients, CloudEventCodec codec, String groupPrefix, String topic,
            Consumer<InboundEvent> handler) {
        BroadcastListener listener = new BroadcastListener(clients, codec, groupPrefix, topic, handler);
        listener.thread.start();
        return listener;
    }

    /** As {@link #start}, handing over only the events whose data is a {@code type}. */
    public static <T extends EventData> BroadcastListener start(KafkaClients clients, CloudEventCodec codec,
            String groupPrefix, String topic, Class<T> type, Consumer<T> handler) {
        return start(clients, codec, groupPrefix, topic,
                event -> event.data().filter(type::isInstance).map(type::cast).ifPresent(handler));
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic));
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    handle(record);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.errorf(e, "Listening to %s on this replica stopped", topic);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        try {
            handler.accept(codec.decode(record));
        } catch (MalformedEventException e) {
            LOG.debugf("Ignoring malformed record on %s: %s", record.topic(), e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
