package org.privacysuite.events.outbox;

import com.mysql.cj.jdbc.JdbcConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.privacysuite.events.catalogue.EventData;
import org.privacysuite.events.catalogue.EventType;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.events.kafka.CloudEventCodec;
import org.privacysuite.events.tracing.EventTraces;

/**
 * Records an event in the outbox table inside the caller's transaction, so the event exists if and only if the state
 * change that caused it commits. The relay publishes it afterwards.
 *
 * <p>Per-subject order with concurrent writers: before inserting, {@code publish} bumps the row of the subject's
 * bucket in {@code event_outbox_order} (a hash of the subject id over {@value #BUCKETS} rows), which holds that row
 * locked until the caller's transaction ends. A second transaction writing an event for the same subject waits
 * there, so it can neither take a lower {@code seq} nor commit first: a subject's outbox rows are numbered in
 * commit order, and the relay, which publishes in {@code seq} order, never sees a later event of a subject while
 * an earlier one is still uncommitted. The bucket's counter travels with the event as the CloudEvents extension
 * {@code subjectseq} (increasing per subject and producer, with gaps), so consumers and the fault tests can check
 * the order they observe.
 */
@ApplicationScoped
public class Outbox {

    /** Rows of {@code event_outbox_order}: enough that unrelated subjects rarely wait for each other. */
    public static final int BUCKETS = 1024;
    private static final int SERVER_SIDE_FROM_BYTES = 64 * 1024;
    private static final String INSERT = "INSERT INTO event_outbox (event_id, topic, event_type, message_key, data,"
            + " occurred_at, subject_seq, trace_parent, trace_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    // Takes the bucket row's exclusive lock (held to commit) and counts; works on MySQL 8 and MariaDB alike.
    private static final String BUMP = "INSERT INTO event_outbox_order (bucket, last_seq) VALUES (?, 1)"
            + " ON DUPLICATE KEY UPDATE last_seq = last_seq + 1";
    private static final String READ_BUMP = "SELECT last_seq FROM event_outbox_order WHERE bucket = ?";

    @Inject
    DataSource dataSource;

    @Inject
    CloudEventCodec codec;

    @Inject
    Clock clock;

    @Inject
    Event<Written> written;

    /**
     * @return the event id, which is also the CloudEvents {@code id} consumers de-duplicate on
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(EventData data) {
        EventType type = EventType.of(data)
                .orElseThrow(() -> new IllegalArgumentException("Not in the event catalogue: " + data.getClass()));
        if (data.subjectId() == null || data.subjectId().isBlank()) {
            throw new IllegalArgumentException("An event needs the subject id it is about (the Kafka key)");
        }
        byte[] json = codec.toJson(data);
        if (json.length > Topics.MAX_EVENT_DATA_BYTES) {
            // Refused here, inside the caller's transaction, rather than stopping the relay at a row the broker
            // will never take: the caller's work rolls back and the failure is the caller's to report.
            throw new EventTooLargeException(type.type(), json.length);
        }
        UUID id = UUID.randomUUID();
        // The connection joins the caller's JTA transaction; closing it hands it back at commit.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = insert(connection, json.length)) {
            long subjectSeq = lockSubject(connection, data.subjectId());
            insert.setString(1, id.toString());
            insert.setString(2, type.topic());
            insert.setString(3, type.type());
            insert.setString(4, data.subjectId());
            insert.setBytes(5, json);
            insert.setTimestamp(6, Timestamp.from(Instant.now(clock)));
            insert.setLong(7, subjectSeq);
            // the relay publishes later, on its own thread: the writer's trace context goes with the row
            Map<String, String> trace = EventTraces.current();
            insert.setString(8, trace.get(EventTraces.TRACEPARENT));
            insert.setString(9, trace.get(EventTraces.TRACESTATE));
            insert.executeUpdate();
            written.fire(Written.EVENT);
        } catch (SQLException e) {
            throw new OutboxException("Could not write event " + type.type() + " to the outbox", e);
        }
        return id;
    }

    /** Fired for every row written; observed after the writer's commit ({@code OutboxRelay.onWritten}). */
    public enum Written {
        EVENT
    }

    /**
     * A large event's insert goes as a server-side prepared statement where the driver is MySQL's: its data then
     * travels as bytes, where a client-side statement escapes it into the SQL text for the server to parse again (an
     * access answer's 1 MiB parts: 12 of them took 450 ms that way, 280 ms this way). A small event keeps the one
     * round trip of a client-side statement; a server-side one costs a prepare and a close besides.
     */
    private static PreparedStatement insert(Connection connection, int dataBytes) throws SQLException {
        return dataBytes >= SERVER_SIDE_FROM_BYTES && connection.isWrapperFor(JdbcConnection.class)
                ? connection.unwrap(JdbcConnection.class).serverPrepareStatement(INSERT)
                : connection.prepareStatement(INSERT);
    }

    /** Locks the subject's bucket until the caller's transaction ends; returns the bucket's new counter. */
    private static long lockSubject(Connection connection, String subjectId) throws SQLException {
        int bucket = bucketOf(subjectId);
        try (PreparedStatement bump = connection.prepareStatement(BUMP)) {
            bump.setInt(1, bucket);
            bump.executeUpdate();
        }
        try (PreparedStatement read = connection.prepareStatement(READ_BUMP)) {
            read.setInt(1, bucket);
            try (ResultSet rs = read.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** String.hashCode is specified, so every replica and version maps a subject to the same bucket. */
    static int bucketOf(String subjectId) {
        return Math.floorMod(subjectId.hashCode(), BUCKETS);
    }
}
