package org.privacysuite.events.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;

/** The table of events each consumer has already applied, keyed by (consumer, event id). */
@ApplicationScoped
public class Inbox {

    private static final String SEEN = "SELECT 1 FROM event_inbox WHERE consumer = ? AND event_id = ?";
    private static final String RECORD = "INSERT INTO event_inbox (consumer, event_id, event_type, processed_at) VALUES (?, ?, ?, ?)";
    private static final String PURGE = "DELETE FROM event_inbox WHERE processed_at < ? LIMIT 5000";

    @Inject
    DataSource dataSource;

    @Inject
    Clock clock;

    /**
     * Records the event for the consumer in the current transaction.
     *
     * @return false if the consumer has applied this event before. A concurrent duplicate fails on the primary key
     *         and rolls its transaction back, so the effect can never be applied twice.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean markFirstDelivery(String consumer, String eventId, String eventType) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement seen = connection.prepareStatement(SEEN)) {
                seen.setString(1, consumer);
                seen.setString(2, eventId);
                try (ResultSet rs = seen.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(RECORD)) {
                insert.setString(1, consumer);
                insert.setString(2, eventId);
                insert.setString(3, eventType);
                insert.setTimestamp(4, Timestamp.from(Instant.now(clock)));
                insert.executeUpdate();
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Inbox write failed for event " + eventId, e);
        }
    }

    /** Forgets events processed before {@code cutoff}: redelivery after that long is not expected. */
    @Transactional
    public int purgeBefore(Instant cutoff) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(PURGE)) {
            delete.setTimestamp(1, Timestamp.from(cutoff));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Inbox purge failed", e);
        }
    }
}
