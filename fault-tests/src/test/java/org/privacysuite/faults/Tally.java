package org.privacysuite.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What a scenario did, counted from what really happened: the writers' answers, the topic, the reader's table. */
record Tally(String scenario, int sent, int applied, int duplicatesAbsorbed, int lost, int appliedTwice,
        int outOfOrder, String note) {

    static final String HEADER = "| scenario | sent | applied | duplicates absorbed | lost | applied twice | out of order | notes |\n"
            + "|---|---:|---:|---:|---:|---:|---:|---|";

    String row() {
        return "| " + scenario + " | " + sent + " | " + applied + " | " + duplicatesAbsorbed + " | " + lost + " | "
                + appliedTwice + " | " + outOfOrder + " | " + note + " |";
    }

    Tally withNote(String replacement) {
        return new Tally(scenario, sent, applied, duplicatesAbsorbed, lost, appliedTwice, outOfOrder, replacement);
    }

    /** Prints the table and writes it to {@code file}. */
    static void report(List<Tally> results, Path file) throws IOException {
        StringBuilder report = new StringBuilder(HEADER).append('\n');
        results.forEach(r -> report.append(r.row()).append('\n'));
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
        System.out.println("\nFault injection results\n" + report);
    }

    /** Records the consumer sent to consent.events' dead-letter topic. */
    static int deadLetters(String bootstrap, String consumer) {
        return readTopic(bootstrap, "consent.events.dlq", r -> consumer.equals(header(r, "dlq-consumer"))).size();
    }

    /** Event ids the reader applied, in application order, per subject of the prefix; with their subjectseq. */
    record Applied(String eventId, String subject, long subjectSeq) {
    }

    static List<Applied> applied(Connection reader, String consumer, String subjectPrefix) throws SQLException {
        List<Applied> rows = new ArrayList<>();
        try (PreparedStatement select = reader.prepareStatement("SELECT event_id, subject_id, subject_seq FROM fault_effect"
                + " WHERE consumer = ? AND subject_id LIKE ? ORDER BY id")) {
            select.setString(1, consumer);
            select.setString(2, subjectPrefix + "%");
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Applied(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
        }
        return rows;
    }

    /** Where the reader's effect table is. */
    @FunctionalInterface
    interface ReaderDatabase {
        Connection connect() throws SQLException;
    }

    /**
     * Waits until every answered write is applied (or the catch-up time is over), then counts.
     *
     * @param skipped duplicates the reader's inbox skipped since the scenario started, asked after the wait
     */
    static Tally settle(String scenario, String prefix, String consumer, List<Load.Write> sent, ReaderDatabase reader,
            String bootstrap, Duration catchUp, LongSupplier skipped, String note) throws SQLException {
        long deadline = System.nanoTime() + catchUp.toNanos();
        List<Applied> applied;
        while (true) {
            try (Connection db = reader.connect()) {
                applied = applied(db, consumer, prefix);
            }
            Set<String> appliedIds = new HashSet<>();
            applied.forEach(a -> appliedIds.add(a.eventId()));
            if (sent.stream().allMatch(w -> appliedIds.contains(w.eventId())) || System.nanoTime() > deadline) {
                break;
            }
            Processes.sleep(500);
        }
        List<String> topicIds = readTopic(bootstrap, "consent.events", r -> r.key() != null && r.key().startsWith(prefix))
                .stream().map(r -> header(r, "ce_id")).toList();
        return count(scenario, sent, applied, topicIds, skipped.getAsLong(), note);
    }

    /**
     * @param topicIds the event id of every copy of the scenario's events on the topic
     * @param skipped duplicates the reader's inbox skipped meanwhile (second copies on the topic, and records read
     *        again after a kill or rebalance)
     */
    static Tally count(String scenario, Collection<Load.Write> sent, List<Applied> applied, List<String> topicIds,
            long skipped, String note) {
        Set<String> sentIds = new HashSet<>();
        sent.forEach(w -> sentIds.add(w.eventId()));
        Set<String> appliedIds = new HashSet<>();
        int twice = 0;
        Map<String, Long> lastSeq = new HashMap<>();
        int outOfOrder = 0;
        for (Applied row : applied) {
            if (!appliedIds.add(row.eventId())) {
                twice++;
                continue;
            }
            Long previous = lastSeq.put(row.subject(), row.subjectSeq());
            if (previous != null && row.subjectSeq() <= previous) {
                outOfOrder++;
            }
        }
        int lost = (int) sentIds.stream().filter(id -> !appliedIds.contains(id)).count();
        int copies = topicIds.size() - new HashSet<>(topicIds).size();
        return new Tally(scenario, sentIds.size(), appliedIds.size(), (int) skipped, lost, twice, outOfOrder,
                note + (note.isEmpty() ? "" : "; ") + copies + " second copies on the topic");
    }

    /** The copies of some subjects' events on a topic, as a consumer reads them (per subject in partition order). */
    record OnTopic(Set<String> ids, int secondCopies, int outOfOrder) {
    }

    /** Reads the subjects' events on the topic: distinct ids, second copies, and subjectseq going backwards. */
    static OnTopic onTopic(String bootstrap, String topic, Set<String> subjects) {
        Set<String> ids = new HashSet<>();
        Map<String, Long> lastSeq = new HashMap<>();
        int copies = 0;
        int outOfOrder = 0;
        for (ConsumerRecord<String, byte[]> record : readTopic(bootstrap, topic, r -> subjects.contains(r.key()))) {
            if (!ids.add(header(record, "ce_id"))) {
                copies++;
                continue;
            }
            long seq = Long.parseLong(header(record, "ce_subjectseq"));
            Long previous = lastSeq.put(record.key(), seq);
            if (previous != null && seq <= previous) {
                outOfOrder++;
            }
        }
        return new OnTopic(ids, copies, outOfOrder);
    }

    /** All records of {@code topic} from the start that match, read up to the end offsets as of now. */
    static List<ConsumerRecord<String, byte[]>> readTopic(String bootstrap, String topic,
            Predicate<ConsumerRecord<String, byte[]>> filter) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> matching = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (filter.test(record)) {
                        matching.add(record);
                    }
                }
            }
        }
        return matching;
    }

    static String header(ConsumerRecord<String, byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
