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
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;
import org.privacysuite.events.catalogue.EventType;
import org.privacysuite.events.config.EventsConfig;
import org.privacysuite.events.kafka.CloudEventCodec;
import org.privacysuite.events.kafka.KafkaClients;

/**
 * Publishes outbox rows to Kafka, at least once and in outbox order.
 *
 * <p>One relay works at a time across all replicas of a service: each batch runs in a transaction that first takes
 * the relay lease row with {@code FOR UPDATE SKIP LOCKED}; a replica that finds it locked skips its turn. Letting
 * replicas publish disjoint batches in parallel would break per-subject order, and one producer easily keeps up.
 * The batch's rows are locked, sent with acks=all, and marked published in the same transaction only after every
 * send is acknowledged; if the process dies in between, the transaction rolls back and the rows are sent again
 * (consumers de-duplicate on the event id).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String LEASE = "SELECT name FROM event_outbox_lease WHERE name = 'relay' FOR UPDATE SKIP LOCKED";
    private static final String LOCK_BATCH = "SELECT seq, event_id, topic, event_type, message_key, data, occurred_at"
            + " FROM event_outbox WHERE published_at IS NULL ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED";
    private static final String PENDING = "SELECT COUNT(*), MIN(occurred_at) FROM event_outbox WHERE published_at IS NULL";
    private static final String PURGE = "DELETE FROM event_outbox WHERE published_at < ? LIMIT 5000";

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

    private final AtomicLong pendingRows = new AtomicLong();
    private final AtomicLong oldestPendingAgeSeconds = new AtomicLong();
    private ScheduledExecutorService executor;
    private volatile Instant nextLagRefresh = Instant.EPOCH;
    private volatile Instant nextPurge = Instant.EPOCH;

    void onStart(@Observes @Priority(20) StartupEvent event) {
        registry.gauge("privacy.events.outbox.pending", pendingRows);
        registry.gauge("privacy.events.outbox.oldest.age.seconds", oldestPendingAgeSeconds);
        if (config.relay().enabled()) {
            executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "outbox-relay"));
            executor.schedule(this::loop, 0, TimeUnit.MILLISECONDS);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void loop() {
        Duration pause = config.relay().pollInterval();
        try {
            maintain();
            if (relayOnce() == config.relay().batchSize()) {
                pause = Duration.ZERO; // more is waiting
            }
        } catch (RuntimeException e) {
            LOG.warnf("Outbox relay round failed, retrying: %s", e.getMessage());
            pause = pause.multipliedBy(10);
        }
        if (!executor.isShutdown()) {
            executor.schedule(this::loop, pause.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Publishes one batch; returns how many rows it published (0 when empty or when another replica holds the lease). */
    public int relayOnce() {
        return relayOnce(rows -> {
        });
    }

    /**
     * Publishes one batch, calling {@code afterSend} once every record is acknowledged and before the rows are marked;
     * an exception thrown there rolls the marking back exactly as a crash at that point would.
     */
    public int relayOnce(AfterSend afterSend) {
        return QuarkusTransaction.requiringNew()
                .timeout((int) config.relay().sendTimeout().multipliedBy(2).toSeconds())
                .call(() -> publishBatch(afterSend));
    }

    private int publishBatch(AfterSend afterSend) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!takeLease(connection)) {
                return 0;
            }
            List<OutboxRow> rows = lockBatch(connection);
            if (rows.isEmpty()) {
                return 0;
            }
            send(rows);
            afterSend.accept(rows);
            markPublished(connection, rows);
            for (OutboxRow row : rows) {
                registry.counter("privacy.events.outbox.published", "topic", row.topic()).increment();
            }
            return rows.size();
        }
    }

    private boolean takeLease(Connection connection) throws SQLException {
        try (PreparedStatement lease = connection.prepareStatement(LEASE); ResultSet rs = lease.executeQuery()) {
            return rs.next();
        }
    }

    private List<OutboxRow> lockBatch(Connection connection) throws SQLException {
        List<OutboxRow> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(LOCK_BATCH)) {
            select.setInt(1, config.relay().batchSize());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getBytes(6), rs.getTimestamp(7).toInstant()));
                }
            }
        }
        return rows;
    }

    private void send(List<OutboxRow> rows) {
        URI source = URI.create(config.source());
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            acks.add(clients.producer().send(codec.encode(row.topic(), row.eventId(), row.eventType(), source,
                    row.messageKey(), row.occurredAt(), row.data())));
        }
        long deadline = System.nanoTime() + config.relay().sendTimeout().toNanos();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new OutboxException("Broker did not acknowledge the batch; it stays in the outbox", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutboxException("Interrupted while publishing; the batch stays in the outbox", e);
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

    private static boolean carriesPersonalData(OutboxRow row) {
        return EventType.fromType(row.eventType()).map(EventType::carriesPersonalData).orElse(false);
    }

    /** Refreshes the lag gauges and purges old published rows, each at its own interval. */
    private void maintain() {
        Instant now = Instant.now(clock);
        if (now.isAfter(nextLagRefresh)) {
            refreshLag(now);
            nextLagRefresh = now.plus(config.relay().lagRefreshInterval());
        }
        if (now.isAfter(nextPurge)) {
            int purged = purgePublished(now.minus(config.relay().retention()));
            if (purged > 0) {
                LOG.debugf("Purged %d published outbox rows", purged);
            }
            nextPurge = now.plus(config.relay().purgeInterval());
        }
    }

    void refreshLag(Instant now) {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement select = connection.prepareStatement(PENDING);
                    ResultSet rs = select.executeQuery()) {
                rs.next();
                pendingRows.set(rs.getLong(1));
                Timestamp oldest = rs.getTimestamp(2);
                oldestPendingAgeSeconds.set(oldest == null ? 0 : Duration.between(oldest.toInstant(), now).toSeconds());
            } catch (SQLException e) {
                throw new OutboxException("Could not read the outbox lag", e);
            }
        });
    }

    /** Deletes rows published before {@code cutoff}, in bounded chunks so no transaction grows large. */
    public int purgePublished(Instant cutoff) {
        int total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> {
                try (Connection connection = dataSource.getConnection();
                        PreparedStatement delete = connection.prepareStatement(PURGE)) {
                    delete.setTimestamp(1, Timestamp.from(cutoff));
                    return delete.executeUpdate();
                }
            });
            total += deleted;
        } while (deleted == 5000);
        return total;
    }

    /** Called between the broker's acknowledgement and the marking of a batch. */
    @FunctionalInterface
    public interface AfterSend {
        void accept(List<OutboxRow> rows);
    }
}
