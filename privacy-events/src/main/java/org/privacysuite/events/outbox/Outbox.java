package org.privacysuite.events.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.privacysuite.events.catalogue.EventData;
import org.privacysuite.events.catalogue.EventType;
import org.privacysuite.events.kafka.CloudEventCodec;

/**
 * Records an event in the outbox table inside the caller's transaction, so the event exists if and only if the state
 * change that caused it commits. The relay publishes it afterwards.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = "INSERT INTO event_outbox (event_id, topic, event_type, message_key, data, occurred_at)"
            + " VALUES (?, ?, ?, ?, ?, ?)";

    @Inject
    DataSource dataSource;

    @Inject
    CloudEventCodec codec;

    @Inject
    Clock clock;

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
        UUID id = UUID.randomUUID();
        // The connection joins the caller's JTA transaction; closing it hands it back at commit.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, id.toString());
            insert.setString(2, type.topic());
            insert.setString(3, type.type());
            insert.setString(4, data.subjectId());
            insert.setBytes(5, codec.toJson(data));
            insert.setTimestamp(6, Timestamp.from(Instant.now(clock)));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new OutboxException("Could not write event " + type.type() + " to the outbox", e);
        }
        return id;
    }
}
