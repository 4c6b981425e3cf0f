package org.privacysuite.events.inbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.privacysuite.events.catalogue.Topics;

/**
 * Operator tool: re-publishes the records of a dead-letter topic to the topic they came from, with their key, value
 * and CloudEvents headers (the {@code dlq-*} headers dropped, {@code dlq-replayed-from} added), once the cause is
 * fixed. Every consumer of that topic sees them again and de-duplicates on the event id, so consumers that had
 * applied them skip them. The replay group's committed offsets remember how far a DLQ was replayed: running it again
 * replays only records dead-lettered since. A plain main, no CDI: it runs from any service's classpath
 * ({@code java -cp 'quarkus-app/lib/main/*' org.privacysuite.events.inbox.DlqReplay consent.events.dlq}); see
 * docs/events.md for {@code ./suite dlq-replay} and the Kubernetes procedure.
 */
public final class DlqReplay {

    public static final String REPLAYED_FROM = "dlq-replayed-from";
    public static final String DEFAULT_GROUP = "privacy-events.dlq-replay";
    private static final String USAGE = "usage: DlqReplay [--bootstrap-servers HOST:PORT] [--command-config FILE]"
            + " [--group GROUP] [--consumer NAME] [--dry-run] TOPIC.dlq";

    private DlqReplay() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, Object> kafka = new HashMap<>();
        kafka.put("bootstrap.servers", System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"));
        String group = null;
        String onlyConsumer = null;
        String topic = null;
        boolean dryRun = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bootstrap-servers" -> kafka.put("bootstrap.servers", args[++i]);
                case "--command-config" -> kafka.putAll(load(Path.of(args[++i])));
                case "--group" -> group = args[++i];
                case "--consumer" -> onlyConsumer = args[++i];
                case "--dry-run" -> dryRun = true;
                default -> topic = args[i];
            }
        }
        if (topic == null || !topic.endsWith(Topics.DLQ_SUFFIX)) {
            System.err.println(USAGE);
            System.exit(2);
        }
        if (group == null) {
            group = onlyConsumer == null ? DEFAULT_GROUP : DEFAULT_GROUP + "." + onlyConsumer;
        }
        String consumer = onlyConsumer;
        replay(kafka, topic, group, r -> consumer == null || consumer.equals(header(r, DeadLetters.CONSUMER)), dryRun,
                System.out);
    }

    /**
     * Replays what {@code group} has not replayed yet, up to the DLQ's end at the start; returns how many records.
     * Only records {@code filter} accepts are replayed; the others are passed over for this group, which is why the
     * command line's default group name includes the {@code --consumer} it filters on.
     */
    public static int replay(Map<String, Object> kafka, String dlqTopic, String group,
            Predicate<ConsumerRecord<String, byte[]>> filter, boolean dryRun, PrintStream out) {
        Map<String, Object> consumerConfig = new HashMap<>(kafka);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, Object> producerConfig = new HashMap<>(kafka);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        int replayed = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new ByteArrayDeserializer());
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                        new ByteArraySerializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(dlqTopic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions); // assigned, not subscribed: no rebalance, a fixed end to reach
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p))) {
                List<Future<RecordMetadata>> acks = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue; // dead-lettered after the replay started: the next replay takes it
                    }
                    next.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                    if (!filter.test(record)) {
                        continue;
                    }
                    ProducerRecord<String, byte[]> again = toOriginal(record);
                    out.printf("%s %s/%d@%d -> %s key=%s id=%s reason=%s%n", dryRun ? "would replay" : "replay",
                            record.topic(), record.partition(), record.offset(), again.topic(), record.key(),
                            header(record, "ce_id"), header(record, DeadLetters.REASON));
                    if (!dryRun) {
                        acks.add(producer.send(again));
                    }
                    replayed++;
                }
                for (Future<RecordMetadata> ack : acks) {
                    ack.get(60, TimeUnit.SECONDS);
                }
                if (!dryRun && !next.isEmpty()) {
                    consumer.commitSync(next); // only after the broker has every copy: a failed run repeats, never skips
                }
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Replay of " + dlqTopic + " stopped after " + replayed
                    + " records; run it again (consumers skip what they already applied)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
        out.printf("%s %d record(s) of %s%n", dryRun ? "Would replay" : "Replayed", replayed, dlqTopic);
        return replayed;
    }

    static ProducerRecord<String, byte[]> toOriginal(ConsumerRecord<String, byte[]> record) {
        String original = header(record, DeadLetters.ORIGINAL_TOPIC);
        if (original == null) {
            original = record.topic().substring(0, record.topic().length() - Topics.DLQ_SUFFIX.length());
        }
        ProducerRecord<String, byte[]> again = new ProducerRecord<>(original, null, record.key(), record.value());
        for (Header header : record.headers()) {
            if (!header.key().startsWith("dlq-")) {
                again.headers().add(header);
            }
        }
        again.headers().add(REPLAYED_FROM, (record.topic() + "/" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        return again;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> load(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        Map<String, Object> map = new HashMap<>();
        properties.forEach((k, v) -> map.put(k.toString(), v));
        return map;
    }
}
