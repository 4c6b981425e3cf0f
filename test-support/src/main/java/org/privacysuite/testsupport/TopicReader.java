package org.privacysuite.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A plain Kafka consumer, independent of the code under test, that reads what really reached a topic: it remembers
 * the end offsets when created and then collects the matching records written after that.
 */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;

    /** Reads from the broker the Quarkus test application is configured with. */
    public TopicReader(String topic) {
        this(topic, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    public TopicReader(String topic, String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = partitionsOf(topic);
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the positions now, before the test writes
    }

    /** A topic created a moment ago may not be in the broker's metadata yet: ask until it is. */
    private List<TopicPartition> partitionsOf(String topic) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (!partitions.isEmpty() || System.nanoTime() > deadline) {
                if (partitions.isEmpty()) {
                    throw new IllegalStateException("Topic " + topic + " has no partitions after 30 s");
                }
                return partitions;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Reads for the whole {@code duration}, returning the matching records in the order each partition gave them. */
    public List<ConsumerRecord<String, byte[]>> readFor(Duration duration, Predicate<ConsumerRecord<String, byte[]>> filter) {
        return read(duration, filter, Integer.MAX_VALUE);
    }

    /** Reads until {@code count} matching records arrived or the timeout passed. */
    public List<ConsumerRecord<String, byte[]>> read(Duration timeout, Predicate<ConsumerRecord<String, byte[]>> filter,
            int count) {
        List<ConsumerRecord<String, byte[]>> matching = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (matching.size() < count && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (filter.test(record)) {
                    matching.add(record);
                }
            }
        }
        return matching;
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
