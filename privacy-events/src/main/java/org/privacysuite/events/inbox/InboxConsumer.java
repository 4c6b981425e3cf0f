package org.privacysuite.events.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
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
import org.privacysuite.events.supervisor.Worker;

/**
 * One consumer applying events exactly once in effect: per record one transaction that records (consumer, event id)
 * in the inbox and applies the handler; a duplicate is skipped. Offsets are committed only after those transactions
 * commit, never past a record that is neither applied nor dead-lettered.
 *
 * <p>Failures are sorted by {@link Failures}. A transient one (database or broker away, lock wait, deadlock,
 * transaction timeout) pauses only that partition: the consumer seeks back to the failed record, pauses the
 * partition and keeps polling (so it stays in its group and the other partitions go on); after a doubling backoff
 * capped at {@code max-backoff} it resumes the partition and reads the record again, without limit. A deterministic
 * failure (undecodable record, a handler's refusal) is retried {@code max-attempts} times in place, then moved to
 * {@code <topic>.dlq} so that it does not block the records behind it. If the dead-letter topic cannot be written,
 * the record is treated as transient too.
 *
 * <p>Runs as a supervised {@link Worker}: a thread that dies (an Error included) closes its Kafka consumer and is
 * started again with a new one, which resumes from the committed offsets.
 */
public final class InboxConsumer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(InboxConsumer.class);

    private final String name;
    private final Collection<String> topics;
    private final InboundEventHandler handler;
    private final Supplier<KafkaConsumer<String, byte[]>> factory;
    private final CloudEventCodec codec;
    private final Inbox inbox;
    private final DeadLetters deadLetters;
    private final EventsConfig.Consumer config;
    private final MeterRegistry registry;
    private final AtomicLong lag = new AtomicLong();
    private final Map<TopicPartition, Retry> retrying = new ConcurrentHashMap<>();
    private volatile KafkaConsumer<String, byte[]> current;
    private volatile Runnable stopper;

    /** Backoff state of a partition whose head record failed transiently. */
    private static final class Retry {
        long resumeAtNanos;
        Duration backoff;
        int failures;
        boolean paused;
    }

    /** Thrown out of a record's processing: read it again later, do not commit past it. */
    private static final class ReadAgain extends RuntimeException {
        ReadAgain(Throwable cause) {
            super(cause);
        }
    }

    InboxConsumer(String name, Collection<String> topics, InboundEventHandler handler,
            Supplier<KafkaConsumer<String, byte[]>> factory, CloudEventCodec codec, Inbox inbox,
            DeadLetters deadLetters, EventsConfig.Consumer config, MeterRegistry registry) {
        this.name = name;
        this.topics = List.copyOf(topics);
        this.handler = handler;
        this.factory = factory;
        this.codec = codec;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.config = config;
        this.registry = registry;
        registry.gauge("privacy.events.consumer.lag", List.of(Tag.of("consumer", name)), lag);
        registry.gaugeMapSize("privacy.events.consumer.paused.partitions", List.of(Tag.of("consumer", name)), retrying);
    }

    public String name() {
        return name;
    }

    void stopWith(Runnable stopper) {
        this.stopper = stopper;
    }

    /** Wakes the Kafka consumer in hand, so that a stopping worker leaves poll at once. */
    void wakeup() {
        KafkaConsumer<String, byte[]> consumer = current;
        if (consumer != null) {
            consumer.wakeup();
        }
    }

    void run(Worker self) {
        KafkaConsumer<String, byte[]> consumer = factory.get();
        current = consumer;
        retrying.clear();
        try {
            consumer.subscribe(topics, new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    partitions.forEach(retrying::remove);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    // new assignments start unpaused from the committed offset
                }
            });
            while (!self.stopping()) {
                self.beat();
                resumeDue(consumer);
                ConsumerRecords<String, byte[]> records = consumer.poll(config.pollTimeout());
                if (!records.isEmpty()) {
                    processBatch(consumer, records, self);
                }
                refreshLag(consumer);
            }
        } catch (WakeupException e) {
            if (!self.stopping()) {
                throw e;
            }
        } finally {
            current = null;
            retrying.clear();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void processBatch(KafkaConsumer<String, byte[]> consumer, ConsumerRecords<String, byte[]> records,
            Worker self) {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                try {
                    settle(record, self);
                    done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                    retrying.remove(partition);
                } catch (ReadAgain e) {
                    holdBack(consumer, partition, record, e.getCause());
                    break;
                }
                self.beat();
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

    /** Transient failure: back to the failed record, pause the partition until its backoff has passed. */
    private void holdBack(KafkaConsumer<String, byte[]> consumer, TopicPartition partition,
            ConsumerRecord<String, byte[]> record, Throwable cause) {
        consumer.seek(partition, record.offset());
        consumer.pause(List.of(partition));
        Retry retry = retrying.computeIfAbsent(partition, p -> new Retry());
        retry.failures++;
        retry.backoff = retry.backoff == null ? config.initialBackoff() : min(retry.backoff.multipliedBy(2),
                config.maxBackoff());
        retry.resumeAtNanos = System.nanoTime() + retry.backoff.toNanos();
        retry.paused = true;
        registry.counter("privacy.events.consumer.retries", "consumer", name, "kind", "transient").increment();
        LOG.warnf("Consumer %s: transient failure at %s@%d (failure %d), partition paused for %s: %s", name, partition,
                record.offset(), retry.failures, retry.backoff, rootMessage(cause));
    }

    private void resumeDue(KafkaConsumer<String, byte[]> consumer) {
        long now = System.nanoTime();
        retrying.forEach((partition, retry) -> {
            if (retry.paused && now - retry.resumeAtNanos >= 0) {
                retry.paused = false;
                if (consumer.assignment().contains(partition)) {
                    consumer.resume(List.of(partition));
                }
            }
        });
    }

    /** Applies, skips or dead-letters the record; throws {@link ReadAgain} when it must be read again later. */
    private void settle(ConsumerRecord<String, byte[]> record, Worker self) {
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
                if (cause instanceof Error error) {
                    throw error; // unwrapped from the transaction helper: the thread ends, the supervisor restarts it
                }
                if (Failures.isTransient(e) || self.stopping()) {
                    throw new ReadAgain(cause);
                }
                if (attempt >= config.maxAttempts()) {
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
        try {
            deadLetters.send(name, record, failure, attempts);
        } catch (RuntimeException e) {
            throw new ReadAgain(e); // the broker is away: the record must not be skipped
        }
        registry.counter("privacy.events.consumer.processed", "consumer", name, "outcome", "dead-lettered")
                .increment();
    }

    private void refreshLag(KafkaConsumer<String, byte[]> consumer) {
        long total = 0;
        for (TopicPartition partition : consumer.assignment()) {
            total += consumer.currentLag(partition).orElse(0);
        }
        lag.set(total);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
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
        Runnable stop = stopper;
        if (stop != null) {
            stop.run();
        }
    }
}
