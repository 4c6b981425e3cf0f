package org.privacysuite.events.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.privacysuite.events.config.EventsConfig;

/**
 * The outbox's upkeep, run by the relay between rounds: the lag gauges ({@code privacy.events.outbox.pending},
 * {@code privacy.events.outbox.oldest.age.seconds}, which the OutboxStuck alert watches) and the purge of old
 * published rows.
 */
@ApplicationScoped
public class OutboxHousekeeping {

    private static final Logger LOG = Logger.getLogger(OutboxHousekeeping.class);
    private static final String PENDING = "SELECT COUNT(*), MIN(occurred_at) FROM event_outbox WHERE published_at IS NULL";
    private static final String PURGE = "DELETE FROM event_outbox WHERE published_at < ? LIMIT 5000";

    @Inject
    DataSource dataSource;

    @Inject
    EventsConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    private final AtomicLong pendingRows = new AtomicLong();
    private final AtomicLong oldestPendingAgeSeconds = new AtomicLong();
    private volatile Instant nextLagRefresh = Instant.EPOCH;
    private volatile Instant nextPurge = Instant.EPOCH;

    void onStart(@Observes @Priority(19) StartupEvent event) {
        // Strong references: MeterRegistry.gauge(name, number) holds its number weakly, and a gauge whose number was
        // collected drops out of /q/metrics (seen once in CI), which would blind the OutboxStuck alert.
        Gauge.builder("privacy.events.outbox.pending", pendingRows, AtomicLong::get).strongReference(true)
                .description("Outbox rows not yet published").register(registry);
        Gauge.builder("privacy.events.outbox.oldest.age.seconds", oldestPendingAgeSeconds, AtomicLong::get)
                .strongReference(true).description("Age of the oldest unpublished outbox row").register(registry);
    }

    /** Refreshes the lag gauges and purges old published rows, each at its own interval. */
    void maintain() {
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

}
