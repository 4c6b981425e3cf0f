package org.privacysuite.bench.relay;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.privacysuite.events.catalogue.ConsentChanged;
import org.privacysuite.events.catalogue.EventType;
import org.privacysuite.events.config.EventsConfig;
import org.privacysuite.events.kafka.CloudEventCodec;
import org.privacysuite.events.kafka.KafkaClients;
import org.privacysuite.events.outbox.Outbox;
import org.privacysuite.events.outbox.OutboxRelay;

/**
 * Issue 18, goal 4: the outbox relay publishes at least half as many records per second as a plain acks=all producer
 * on the same broker. Both variants send the same records (a {@code consent.changed.v1} CloudEvent encoded by
 * {@link CloudEventCodec}, the same keys) to one benchmark topic; each runs twice, a warm-up pass and a measured one.
 *
 * <p>Why {@code consent.changed.v1}: it is the suite's most frequent event and carries no personal data, so the relay
 * takes its usual path (mark the batch published, keep the rows) rather than the one access-results path that also
 * deletes them, and the benchmark can check afterwards that every row has {@code published_at} set.
 *
 * <p>Why the relay is driven by hand ({@code privacy.events.relay.enabled=false}): its supervised worker would start
 * draining while the rows are still being written, so the figure would be bounded by the writers. Once all rows are
 * committed, the loop below calls the relay's public {@link OutboxRelay#relayOnce(OutboxRelay.AfterSend)} (what
 * {@code relayOnce()} calls, with a hook that only reads the clock) the way its worker loop does: the next round at once
 * while a round fills a batch, a poll-interval pause otherwise. What the worker also does between rounds and this loop
 * leaves out is {@code OutboxHousekeeping.maintain()} (package-private): one COUNT of pending rows every 5 s for the
 * lag gauges, and an hourly purge. Failures are not retried as the worker would: a failed round ends the benchmark.
 */
@QuarkusMain
public class OutboxRelayBench implements QuarkusApplication {

    /** Distinct subjects (Kafka keys): enough to spread over every partition, as a day of consent choices does. */
    private static final int SUBJECTS = 1000;
    /** Rows per writing transaction: a bulk writer's size, so the (untimed) write phase does not take all day. */
    private static final int WRITE_TRANSACTION = 500;

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    KafkaClients clients;

    @Inject
    CloudEventCodec codec;

    @Inject
    EventsConfig config;

    @Inject
    DataSource dataSource;

    @Inject
    Clock clock;

    @ConfigProperty(name = "bench.records")
    int configuredRecords;

    @ConfigProperty(name = "bench.topic")
    String topic;

    @Override
    public int run(String... args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : configuredRecords;
        String loadBefore = BenchReport.loadAverage();
        createTopic();
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < SUBJECTS; i++) {
            subjects.add(UUID.randomUUID().toString());
        }
        BenchReport.progress("%d records per variant to topic %s (%d partitions), relay batch %d, poll interval %s", records,
                topic, config.topics().partitions(), config.relay().batchSize(), config.relay().pollInterval());

        double[] raw = new double[2];
        Drain[] relayed = new Drain[2];
        double[] written = new double[2];
        for (int pass = 0; pass < 2; pass++) {
            String name = pass == 0 ? "warm-up" : "measured";
            BenchReport.progress("%s pass: raw producer", name);
            raw[pass] = rawProducer(records, subjects);
            BenchReport.progress("%s pass: writing the outbox", name);
            written[pass] = writeOutbox(records, subjects);
            BenchReport.progress("%s pass: relay draining", name);
            relayed[pass] = drain(records);
        }
        String loadAfter = BenchReport.loadAverage();

        new BenchReport(records, config.relay().batchSize(), WRITE_TRANSACTION).print(raw, relayed, written,
                loadBefore, loadAfter);
        return 0;
    }

    /**
     * The yardstick: the suite's shared idempotent acks=all producer ({@link KafkaClients#producer()}), the same
     * encoding as the relay's send step, every acknowledgement awaited. The data is built beforehand because the
     * relay too finds it ready (in the outbox row); encoding the CloudEvent is timed because the relay does it too.
     */
    private double rawProducer(int records, List<String> subjects) {
        KafkaProducer<String, byte[]> producer = clients.producer();
        URI source = URI.create(config.source());
        String type = EventType.CONSENT_CHANGED.type();
        List<byte[]> data = new ArrayList<>(records);
        List<String> ids = new ArrayList<>(records);
        Instant now = clock.instant();
        for (int i = 0; i < records; i++) {
            data.add(codec.toJson(event(subjects, i)));
            ids.add(UUID.randomUUID().toString());
        }
        AtomicInteger acked = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        for (int i = 0; i < records; i++) {
            ProducerRecord<String, byte[]> record = codec.encode(topic, ids.get(i), type, source,
                    subjects.get(i % subjects.size()), now, data.get(i), (long) i + 1, Map.of());
            if (i == 0) {
                describe(record);
            }
            producer.send(record, (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                } else {
                    acked.incrementAndGet();
                }
            });
        }
        producer.flush(); // returns once every record sent so far is acknowledged or failed
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null || acked.get() != records) {
            throw new IllegalStateException(acked.get() + " of " + records + " acknowledged", failure.get());
        }
        return seconds;
    }

    /**
     * Writes the rows through {@link Outbox#publish} (subject-order locks and all) and sends them to the benchmark
     * topic instead of the catalogue's: {@code consent.events} has consumers in the running suite, which must not
     * receive benchmark events. The topic column is rewritten in the writing transaction, so no committed row ever
     * names a catalogue topic. Returns the seconds it took (informational).
     */
    private double writeOutbox(int records, List<String> subjects) throws SQLException {
        resetOutbox();
        long start = System.nanoTime();
        for (int from = 0; from < records; from += WRITE_TRANSACTION) {
            int first = from;
            int last = Math.min(records, from + WRITE_TRANSACTION);
            QuarkusTransaction.requiringNew().run(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    long before = maxSeq(connection);
                    for (int i = first; i < last; i++) {
                        outbox.publish(event(subjects, i));
                    }
                    try (PreparedStatement redirect = connection.prepareStatement(
                            "UPDATE event_outbox SET topic = ? WHERE seq > ?")) {
                        redirect.setString(1, topic);
                        redirect.setLong(2, before);
                        redirect.executeUpdate();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Times the relay from its first round until every row is marked published. {@code relayOnce} returns after the
     * batch's marking has committed, so the rows it reports are published by then; the table is checked afterwards.
     */
    private Drain drain(int records) throws SQLException, InterruptedException {
        int batch = config.relay().batchSize();
        int published = 0;
        int rounds = 0;
        long untilAcked = 0;
        long[] acked = new long[1];
        long start = System.nanoTime();
        while (published < records) {
            long roundStart = System.nanoTime();
            // The hook runs once the batch's Kafka transaction has committed, before the marking: it splits a round
            // into (lease, claim, Kafka transaction) and (marking), at the cost of one nanoTime call.
            int round = relay.relayOnce(claimed -> acked[0] = System.nanoTime());
            if (round > 0) {
                rounds++;
                untilAcked += acked[0] - roundStart;
            }
            published += round;
            if (round != batch && published < records) {
                Thread.sleep(config.relay().pollInterval().toMillis()); // as the worker does when a round is short
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement("SELECT SUM(published_at IS NULL),"
                        + " SUM(published_at IS NOT NULL), SUM(topic <> ?) FROM event_outbox")) {
            count.setString(1, topic);
            ResultSet rs = count.executeQuery();
            rs.next();
            if (rs.getLong(1) != 0 || rs.getLong(2) != records || rs.getLong(3) != 0) {
                throw new IllegalStateException("After draining: " + rs.getLong(1) + " rows pending, " + rs.getLong(2)
                        + " published, " + rs.getLong(3) + " on another topic; expected 0, " + records + ", 0");
            }
        }
        return new Drain(seconds, rounds, untilAcked / 1e9);
    }

    /** A drain's wall time, its rounds, and the part of them spent until the broker had acknowledged each batch. */

    /**
     * Each pass starts from an empty outbox, and with the relay lease free: the lease is a row of this database, and
     * the previous run's relay (enabled=false, so it never released it) would hold it for 45 s after it exited.
     */
    private void resetOutbox() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("TRUNCATE TABLE event_outbox");
            statement.executeUpdate("UPDATE event_outbox_lease SET owner = NULL, lease_until = NOW(6)");
        }
    }

    /** A dedicated topic with the catalogue topics' partitions; records are kept an hour, nobody reads them. */
    private void createTopic() throws Exception {
        try (Admin admin = clients.newAdmin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            if (!existing.contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, config.topics().partitions(),
                        config.topics().replicationFactor()).configs(Map.of("retention.ms", "3600000",
                        "segment.bytes", Integer.toString(16 * 1024 * 1024))))).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private ConsentChanged event(List<String> subjects, int i) {
        return new ConsentChanged(subjects.get(i % subjects.size()), "analytics-cookies", i % 2 == 0, 3,
                clock.instant());
    }

    private static long maxSeq(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM event_outbox")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void describe(ProducerRecord<String, byte[]> record) {
        int headers = 0;
        for (Header header : record.headers()) {
            headers += header.key().length() + header.value().length;
        }
        BenchReport.progress("record: key %d bytes, value %d bytes, %d bytes of CloudEvents headers", record.key().length(),
                record.value().length, headers);
    }
}
