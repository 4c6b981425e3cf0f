package org.privacysuite.events.kafka;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.privacysuite.events.catalogue.Topics;

/**
 * Builds the plain Kafka clients of the backbone from the application's {@code kafka.*} properties (bootstrap servers,
 * security settings), adding the settings the delivery guarantees rely on.
 */
@ApplicationScoped
public class KafkaClients {

    private final Map<String, Object> baseConfig;
    private volatile KafkaProducer<String, byte[]> producer;

    @Inject
    public KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> baseConfig) {
        this.baseConfig = Map.copyOf(baseConfig);
    }

    /**
     * The one producer of this process (Kafka producers are thread-safe and batch better when shared): acks from
     * all in-sync replicas and idempotence, so that retries neither lose nor reorder a partition's records.
     */
    public KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    Map<String, Object> config = new HashMap<>(baseConfig);
                    config.put(ProducerConfig.ACKS_CONFIG, "all");
                    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
                    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
                    config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "privacy-events-producer");
                    large(config);
                    // Bounded waits while the broker is away: send() gives up on metadata after 10 s and every
                    // record settles (acknowledged or failed) within 25 s.
                    config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
                    config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
                    config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000);
                    producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
                }
                current = producer;
            }
        }
        return current;
    }

    /**
     * A transactional producer for the outbox relay: a batch becomes visible to consumers (read_committed) all at
     * once or not at all, so a batch that fails half-way leaves no record of it that could overtake the retry. All
     * replicas of a service use the same transactional id: the next lease holder's {@code initTransactions} fences
     * the previous holder and aborts whatever it left open, even after a kill -9.
     */
    public KafkaProducer<String, byte[]> newTransactionalProducer(String transactionalId, Duration maxBlock) {
        Map<String, Object> config = new HashMap<>(baseConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "privacy-events-relay");
        large(config);
        // Bounds initTransactions, send (metadata) and commitTransaction while the broker is away.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) maxBlock.toMillis());
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000);
        config.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Records up to {@link Topics#MAX_MESSAGE_BYTES}, compressed with LZ4 (an access answer is repetitive JSON; LZ4 is
     * cheap on CPU and every Kafka client, librdkafka included, reads it).
     */
    private static void large(Map<String, Object> config) {
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_MESSAGE_BYTES);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    }

    /** A consumer that never commits on its own: offsets are committed only after the inbox transaction. */
    public KafkaConsumer<String, byte[]> newConsumer(String groupId) {
        return newConsumer(groupId, "earliest");
    }

    /** As {@link #newConsumer(String)}, starting at {@code offsetReset} ("earliest" or "latest") for a new group. */
    public KafkaConsumer<String, byte[]> newConsumer(String groupId, String offsetReset) {
        Map<String, Object> config = new HashMap<>(baseConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset);
        config.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    public Admin newAdmin() {
        return Admin.create(new HashMap<>(baseConfig));
    }

    void onStop(@Observes ShutdownEvent event) {
        KafkaProducer<String, byte[]> current = producer;
        if (current != null) {
            current.close();
        }
    }
}
