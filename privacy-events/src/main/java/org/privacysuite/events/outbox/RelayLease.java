package org.privacysuite.events.outbox;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The relay lease: one row naming the replica allowed to publish and until when, by the database's clock (so the
 * replicas' clocks need not agree). Taking or renewing it is one auto-committed UPDATE; nothing stays locked while
 * the holder talks to the broker.
 */
final class RelayLease {

    // The holder renews; anybody takes an expired lease. Both MySQL 8 and MariaDB accept TIMESTAMPADD with NOW(6).
    private static final String TAKE = "UPDATE event_outbox_lease SET owner = ?,"
            + " lease_until = TIMESTAMPADD(MICROSECOND, ?, NOW(6))"
            + " WHERE name = 'relay' AND (owner = ? OR lease_until < NOW(6))";
    private static final String RELEASE = "UPDATE event_outbox_lease SET lease_until = NOW(6)"
            + " WHERE name = 'relay' AND owner = ?";

    private final String owner;

    RelayLease() {
        // host@pid plus a random part: two relays in one process (tests) are two owners too.
        this.owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    String owner() {
        return owner;
    }

    /** Takes or renews the lease for {@code duration}; false while another replica holds an unexpired one. */
    boolean acquire(DataSource dataSource, Duration duration) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement take = connection.prepareStatement(TAKE)) {
            take.setString(1, owner);
            take.setLong(2, duration.toNanos() / 1000);
            take.setString(3, owner);
            return take.executeUpdate() == 1;
        }
    }

    /** Lets another replica take over at once (orderly shutdown), instead of after the lease expires. */
    void release(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement release = connection.prepareStatement(RELEASE)) {
            release.setString(1, owner);
            release.executeUpdate();
        }
    }
}
