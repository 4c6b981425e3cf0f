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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;
import org.privacysuite.events.catalogue.EventType;
import org.privacysuite.events.config.EventsConfig;
import org.privacysuite.events.kafka.CloudEventCodec;
import org.privacysuite.events.kafka.KafkaClients;
import org.privacysuite.events.supervisor.Supervisor;
import org.privacysuite.events.supervisor.Worker;

/**
 * Publishes outbox rows to Kafka, at least once and in per-subject order, without holding a database lock or an
 * open transaction while it waits for the broker.
 *
 * <p>A round: (1) take or renew the relay lease ({@link RelayLease}: one auto-committed UPDATE of a row with an
 * owner and an expiry), so that one replica publishes at a time, which keeps {@code seq} order on the topic, and a
 * replica that dies hands over once its lease expires; (2) claim the oldest unpublished rows with a plain read
 * (READ COMMITTED, no locks, no transaction); (3) send them with acks=all and wait for every acknowledgement,
 * outside any transaction; (4) mark them published (and delete those carrying personal data) in one short
 * transaction. A broker outage therefore only delays step 3; business transactions writing the outbox never wait
 * for it. If the process dies between (3) and (4), or the marking fails, the rows are sent again by the next round
 * or the next lease holder; consumers de-duplicate on the event id. {@link #relayOnce(AfterSend)} lets a test
 * place that crash exactly.
 *
 * <p>Order: {@code Outbox} numbers a subject's rows in commit order, so claiming in {@code seq} order publishes a
 * subject's events in that order. When a batch is sent twice (a crash before marking, a lease taken over from a
 * stalled holder), the first copy of each event still lands in {@code seq} order, because each sender's copies do
 * and consumers skip the later copies. A batch is only re-sent after every record of the failed attempt has settled
 * (the producer's delivery timeout is shorter than {@code send-timeout}), so an old copy cannot overtake a new one.
 *
 * <p>The loop runs as a {@link Worker} of the {@link Supervisor}: any throwable ends the thread, which is restarted
 * with backoff; readiness is DOWN meanwhile.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String CLAIM = "SELECT seq, event_id, topic, event_type, message_key, data, occurred_at,"
            + " subject_seq FROM event_outbox WHERE published_at IS NULL ORDER BY seq LIMIT ?";
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

    private final RelayLease lease = new RelayLease();
    private Worker worker;

    void onStart(@Observes @Priority(20) StartupEvent event) {
        if (config.relay().enabled()) {
            worker = supervisor.start("outbox-relay", this::loop);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (worker != null) {
            supervisor.stop(worker, () -> { });
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
                failurePause = min(failurePause.multipliedBy(2), config.relay().maxBackoff());
            }
            Thread.sleep(pause.toMillis());
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
    public int relayOnce(AfterSend afterSend) {
        List<OutboxRow> rows;
        try {
            if (!lease.acquire(dataSource, config.relay().lease())) {
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
                            rs.wasNull() ? null : subjectSeq));
                }
            }
        }
        return rows;
    }

    private void send(List<OutboxRow> rows) {
        URI source = URI.create(config.source());
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        RuntimeException refused = null;
        for (OutboxRow row : rows) {
            try {
                acks.add(clients.producer().send(codec.encode(row.topic(), row.eventId(), row.eventType(), source,
                        row.messageKey(), row.occurredAt(), row.data(), row.subjectSeq())));
            } catch (RuntimeException e) {
                refused = e; // e.g. no metadata within max.block.ms: the broker is away
                break;
            }
        }
        // Every accepted record is waited for, failed or not, so none of this attempt lands after the next one.
        long deadline = System.nanoTime() + config.relay().sendTimeout().toNanos();
        Exception failure = refused;
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                failure = failure == null ? e : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OutboxException("Interrupted while publishing; the batch stays in the outbox", e);
            }
        }
        if (failure != null) {
            throw new OutboxException("Broker did not acknowledge the batch; it stays in the outbox", failure);
        }
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
