package org.privacysuite.events.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.jboss.logging.Logger;
import org.privacysuite.events.catalogue.EventType;
import org.privacysuite.events.config.EventsConfig;
import org.privacysuite.events.kafka.CloudEventCodec;
import org.privacysuite.events.kafka.KafkaClients;
import org.privacysuite.events.supervisor.Supervisor;
import org.privacysuite.events.tracing.EventTraces;
import org.privacysuite.events.supervisor.Worker;

/**
 * Publishes outbox rows to Kafka, at least once and in per-subject order, without holding a database lock or an
 * open transaction while it waits for the broker.
 *
 * <p>A round: (1) take or renew the relay lease ({@link RelayLease}: one auto-committed UPDATE of a row with an
 * owner and an expiry), so that one replica publishes at a time, which keeps {@code seq} order on the topic, and a
 * replica that dies hands over once its lease expires; (2) claim the oldest unpublished rows with a plain read
 * (READ COMMITTED, no locks, no transaction); (3) send them as one Kafka transaction (acks=all) and wait for its
 * commit, outside any database transaction; (4) mark them published (and delete those carrying personal data) in
 * one short transaction. A broker outage therefore only delays step 3; business transactions writing the outbox never wait
 * for it. If the process dies between (3) and (4), or the marking fails, the rows are sent again by the next round
 * or the next lease holder; consumers de-duplicate on the event id. {@link #relayOnce(AfterSend)} lets a test
 * place that crash exactly.
 *
 * <p>Order: {@code Outbox} numbers a subject's rows in commit order, so claiming in {@code seq} order publishes a
 * subject's events in that order. A batch is one Kafka transaction, so an attempt that fails half-way (broker killed
 * mid-flight) leaves nothing visible to the consumers (read_committed) that could overtake its retry; without it,
 * a later record of the batch could land while an earlier one expired, and the retry would put the earlier one
 * behind it (fault scenario b caught exactly that). When a batch is committed twice (a crash before marking), the
 * first copy of each event lands in {@code seq} order, because each attempt's copies do and consumers skip the
 * later copies. All replicas share one transactional id, so a new lease holder fences a stalled previous holder.
 *
 * <p>Between rounds the relay waits {@code poll-interval}, or less: a commit in this process that wrote the outbox
 * wakes it ({@link RelayWakeUp}).
 *
 * <p>The loop runs as a {@link Worker} of the {@link Supervisor}: any throwable ends the thread, which is restarted
 * with backoff; readiness is DOWN meanwhile.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String CLAIM = "SELECT seq, event_id, topic, event_type, message_key, data, occurred_at,"
            + " subject_seq, trace_parent, trace_state FROM event_outbox WHERE published_at IS NULL ORDER BY seq LIMIT ?";
    private static final int MARK_TIMEOUT_SECONDS = 10;

    @Inject
    DataSource dataSource;

    @Inject
    KafkaClients clients;

    @Inject
    CloudEventCodec codec;

    @Inject
    EventsConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    @Inject
    Supervisor supervisor;

    @Inject
    OutboxHousekeeping housekeeping;

    @Inject
    RelayWakeUp wakeUp;

    private final RelayLease lease = new RelayLease();
    /** The relay's own transactional producer; used by one thread at a time (the worker, or a test). */
    private KafkaProducer<String, byte[]> producer;
    private Worker worker;
    private volatile boolean holding;

    void onStart(@Observes @Priority(20) StartupEvent event) {
        if (config.relay().enabled()) {
            worker = supervisor.start("outbox-relay", this::loop);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (worker != null) {
            supervisor.stop(worker, () -> { });
            synchronized (this) {
                discardProducer();
            }
            try {
                lease.release(dataSource);
            } catch (SQLException | RuntimeException e) {
                LOG.debugf("Could not release the relay lease (%s); it expires by itself", e.getMessage());
            }
        }
    }

    private void loop(Worker self) throws InterruptedException {
        Duration failurePause = config.relay().pollInterval();
        while (!self.stopping()) {
            self.beat();
            Duration pause = config.relay().pollInterval();
            boolean failed = false;
            try {
                housekeeping.maintain();
                if (relayOnce() == config.relay().batchSize()) {
                    pause = Duration.ZERO; // more is waiting
                }
                failurePause = config.relay().pollInterval();
            } catch (RuntimeException e) {
                LOG.warnf("Outbox relay round failed, retrying in %s: %s", failurePause, e.getMessage());
                registry.counter("privacy.events.outbox.failed.rounds").increment();
                pause = failurePause;
                failed = true;
                failurePause = min(failurePause.multipliedBy(2), config.relay().maxBackoff());
            }
            if (failed || !holding) {
                Thread.sleep(pause.toMillis()); // a backoff, or another replica relays: commits here change nothing
            } else {
                wakeUp.await(pause);
            }
        }
    }

    /** Publishes one batch; returns how many rows it published (0 when empty or when another replica holds the lease). */
    public int relayOnce() {
        return relayOnce(rows -> {
        });
    }

    /**
     * Publishes one batch, calling {@code afterSend} once every record is acknowledged and before the rows are marked;
     * an exception thrown there leaves the rows unmarked exactly as a crash at that point would.
     */
    public synchronized int relayOnce(AfterSend afterSend) {
        List<OutboxRow> rows;
        try {
            holding = lease.acquire(dataSource, config.relay().lease());
            if (!holding) {
                return 0;
            }
            rows = claim();
        } catch (SQLException e) {
            throw new OutboxException("Could not read the outbox", e);
        }
        if (rows.isEmpty()) {
            return 0;
        }
        send(rows);
        afterSend.accept(rows);
        QuarkusTransaction.requiringNew().timeout(MARK_TIMEOUT_SECONDS).run(() -> markPublished(rows));
        for (OutboxRow row : rows) {
            registry.counter("privacy.events.outbox.published", "topic", row.topic()).increment();
        }
        return rows.size();
    }

    private List<OutboxRow> claim() throws SQLException {
        List<OutboxRow> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(CLAIM)) {
            select.setInt(1, config.relay().batchSize());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    long subjectSeq = rs.getLong(8);
                    rows.add(new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getBytes(6), rs.getTimestamp(7).toInstant(),
                            rs.wasNull() ? null : subjectSeq, EventTraces.context(rs.getString(9), rs.getString(10))));
                }
            }
        }
        return rows;
    }

    /** Sends the batch as one Kafka transaction: all of it becomes visible, or none of it. */
    private void send(List<OutboxRow> rows) {
        URI source = URI.create(config.source());
        try {
            KafkaProducer<String, byte[]> producer = producer();
            producer.beginTransaction();
            for (OutboxRow row : rows) {
                producer.send(codec.encode(row.topic(), row.eventId(), row.eventType(), source, row.messageKey(),
                        row.occurredAt(), row.data(), row.subjectSeq(), row.traceContext()));
            }
            producer.commitTransaction(); // flushes and waits for every acknowledgement (up to send-timeout)
        } catch (KafkaException e) {
            // Whatever this attempt wrote stays invisible: the next producer's initTransactions aborts it.
            discardProducer();
            throw new OutboxException("Broker did not take the batch; it stays in the outbox", e);
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            KafkaProducer<String, byte[]> fresh = clients.newTransactionalProducer(transactionalId(),
                    config.relay().sendTimeout());
            try {
                fresh.initTransactions(); // fences a previous holder and aborts its open transaction
            } catch (KafkaException e) {
                fresh.close(Duration.ZERO);
                throw e;
            }
            producer = fresh;
        }
        return producer;
    }

    private void discardProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    /**
     * One id per service, shared by its replicas: {@code <service>.outbox-relay}, the service being the last segment
     * of the CloudEvents source (the name its Kafka ACLs grant, k8s/base/kafka/users.yaml); test runs add their
     * group prefix so that they never fence each other.
     */
    private String transactionalId() {
        String source = config.source();
        return config.consumer().groupIdPrefix().orElse("") + source.substring(source.lastIndexOf('/') + 1)
                + ".outbox-relay";
    }

    private void markPublished(List<OutboxRow> rows) {
        try (Connection connection = dataSource.getConnection()) {
            markPublished(connection, rows);
        } catch (SQLException e) {
            throw new OutboxException("Could not mark the batch published; it will be sent again", e);
        }
    }

    private void markPublished(Connection connection, List<OutboxRow> rows) throws SQLException {
        String placeholders = String.join(",", Collections.nCopies(rows.size(), "?"));
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE event_outbox SET published_at = ? WHERE seq IN (" + placeholders + ")")) {
            update.setTimestamp(1, Timestamp.from(Instant.now(clock)));
            for (int i = 0; i < rows.size(); i++) {
                update.setLong(i + 2, rows.get(i).seq());
            }
            update.executeUpdate();
        }
        List<OutboxRow> personal = rows.stream().filter(OutboxRelay::carriesPersonalData).toList();
        if (!personal.isEmpty()) {
            // A copy of someone's data has no business staying here once the broker has it.
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM event_outbox WHERE seq IN ("
                    + String.join(",", Collections.nCopies(personal.size(), "?")) + ")")) {
                for (int i = 0; i < personal.size(); i++) {
                    delete.setLong(i + 1, personal.get(i).seq());
                }
                delete.executeUpdate();
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static boolean carriesPersonalData(OutboxRow row) {
        return EventType.fromType(row.eventType()).map(EventType::carriesPersonalData).orElse(false);
    }

    /** Called between the broker's acknowledgement and the marking of a batch. */
    @FunctionalInterface
    public interface AfterSend {
        void accept(List<OutboxRow> rows);
    }
}
