package org.privacysuite.events.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;
import org.privacysuite.events.config.EventsConfig;
import org.privacysuite.events.kafka.CloudEventCodec;
import org.privacysuite.events.kafka.InboundEvent;
import org.privacysuite.events.kafka.MalformedEventException;

/**
 * One consumer thread applying events exactly once in effect: per record one transaction that records (consumer,
 * event id) in the inbox and applies the handler; a duplicate is skipped. Offsets are committed only after those
 * transactions commit. A record that keeps failing is retried with exponential backoff, then dead-lettered so it
 * does not block the records behind it.
 */
public final class InboxConsumer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(InboxConsumer.class);

    private final String name;
    private final Collection<String> topics;
    private final InboundEventHandler handler;
    private final KafkaConsumer<String, byte[]> consumer;
    private final CloudEventCodec codec;
    private final Inbox inbox;
    private final DeadLetters deadLetters;
    private final EventsConfig.Consumer config;
    private final MeterRegistry registry;
    private final AtomicLong lag = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;

    InboxConsumer(String name, Collection<String> topics, InboundEventHandler handler,
            KafkaConsumer<String, byte[]> consumer, CloudEventCodec codec, Inbox inbox, DeadLetters deadLetters,
            EventsConfig.Consumer config, MeterRegistry registry) {
        this.name = name;
        this.topics = List.copyOf(topics);
        this.handler = handler;
        this.consumer = consumer;
        this.codec = codec;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.config = config;
        this.registry = registry;
        registry.gauge("privacy.events.consumer.lag", List.of(Tag.of("consumer", name)), lag);
    }

    public String name() {
        return name;
    }

    void run() {
        try {
            consumer.subscribe(topics);
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(config.pollTimeout());
                if (!records.isEmpty()) {
                    processBatch(records);
                }
                refreshLag();
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Consumer %s stopped unexpectedly", name);
        } finally {
            consumer.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }

    private void processBatch(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                try {
                    process(record);
                    done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                } catch (RuntimeException e) {
                    // Neither applied nor dead-lettered (the DLQ itself failed): read it again after a pause.
                    LOG.warnf(e, "Consumer %s could not settle %s@%d; it will be read again", name, partition,
                            record.offset());
                    consumer.seek(partition, record.offset());
                    sleep(config.maxBackoff());
                    break;
                }
            }
        }
        if (!done.isEmpty()) {
            try {
                consumer.commitSync(done);
            } catch (RuntimeException e) {
                // A rebalance moved the partitions: the new owner reads these again and the inbox skips them.
                LOG.infof("Consumer %s could not commit offsets (%s); duplicates will be skipped", name, e.getMessage());
            }
        }
    }

    private void process(ConsumerRecord<String, byte[]> record) {
        InboundEvent event;
        try {
            event = codec.decode(record);
        } catch (MalformedEventException e) {
            deadLetter(record, e, 1);
            return;
        }
        Duration backoff = config.initialBackoff();
        for (int attempt = 1;; attempt++) {
            try {
                boolean applied = QuarkusTransaction.requiringNew().call(() -> applyOnce(event));
                registry.counter("privacy.events.consumer.processed", "consumer", name, "outcome",
                        applied ? "applied" : "duplicate").increment();
                return;
            } catch (Exception e) {
                Throwable cause = e instanceof RuntimeException && e.getCause() != null ? e.getCause() : e;
                if (attempt >= config.maxAttempts() || !running) {
                    if (!running) {
                        throw new IllegalStateException("Stopping", e);
                    }
                    deadLetter(record, cause, attempt);
                    return;
                }
                LOG.debugf("Consumer %s attempt %d of event %s failed: %s", name, attempt, event.id(), cause);
                sleep(backoff);
                backoff = min(backoff.multipliedBy(2), config.maxBackoff());
            }
        }
    }

    private boolean applyOnce(InboundEvent event) throws Exception {
        if (!inbox.markFirstDelivery(name, event.id(), event.type())) {
            return false;
        }
        handler.handle(event);
        return true;
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, Throwable failure, int attempts) {
        LOG.warnf("Consumer %s dead-letters %s-%d@%d after %d attempt(s): %s", name, record.topic(),
                record.partition(), record.offset(), attempts, failure.getMessage());
        deadLetters.send(name, record, failure, attempts);
        registry.counter("privacy.events.consumer.processed", "consumer", name, "outcome", "dead-lettered")
                .increment();
    }

    private void refreshLag() {
        long total = 0;
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong partitionLag = consumer.currentLag(partition);
            total += partitionLag.orElse(0);
        }
        lag.set(total);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops polling, finishes the record in hand and closes the Kafka consumer. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            if (!stopped.await(15, TimeUnit.SECONDS)) {
                LOG.warnf("Consumer %s did not stop in time", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
