package org.privacysuite.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.privacysuite.events.catalogue.ConsentChanged;
import org.privacysuite.events.kafka.InboundEvent;

/** The observable effect of the test handlers: a row per applied event in the test_effect table. */
@ApplicationScoped
class Effects {

    @Inject
    DataSource dataSource;

    /** Runs inside the inbox transaction, like a service's handler would. */
    void record(String consumer, InboundEvent event) throws SQLException {
        record(consumer, event, ((ConsentChanged) event.data().orElseThrow()).noticeVersion());
    }

    /** As {@link #record(String, InboundEvent)} with another position, e.g. the event's subjectseq. */
    void record(String consumer, InboundEvent event, long position) throws SQLException {
        ConsentChanged data = (ConsentChanged) event.data().orElseThrow();
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO test_effect (consumer, event_id, subject_id, position) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, consumer);
            insert.setString(2, event.id());
            insert.setString(3, data.subjectId());
            insert.setLong(4, position);
            insert.executeUpdate();
        }
    }

    long count(String consumer, String eventId) {
        return queryLong("SELECT COUNT(*) FROM test_effect WHERE consumer = ? AND event_id = ?", consumer, eventId);
    }

    long countForConsumer(String consumer) {
        return queryLong("SELECT COUNT(*) FROM test_effect WHERE consumer = ?", consumer);
    }

    /** Positions applied for a subject, in the order the consumer applied them. */
    List<Long> positions(String consumer, String subjectId) {
        List<Long> positions = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "SELECT position FROM test_effect WHERE consumer = ? AND subject_id = ? ORDER BY seq")) {
            select.setString(1, consumer);
            select.setString(2, subjectId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    positions.add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return positions;
    }

    void update(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(sql)) {
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long queryLong(String sql, String... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                select.setString(i + 1, args[i]);
            }
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
