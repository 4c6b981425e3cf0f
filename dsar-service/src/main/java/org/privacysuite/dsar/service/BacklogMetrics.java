package org.privacysuite.dsar.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.privacysuite.dsar.domain.RequestType;

/**
 * {@code dsar.requests.open{due_in}} (Prometheus {@code dsar_requests_open}): open requests by how long is left
 * until their legal deadline, so a dashboard and an alert see the backlog before it turns overdue. Counted in SQL
 * every 30 s rather than on each scrape, so that a scrape never waits on the database; every bucket is registered at
 * start, so an empty backlog reads 0 rather than "no data". Also {@code dsar.requests.stalled{type}} (Prometheus
 * {@code dsar_requests_stalled}): requests STALLED for officers (a participant failed for good, deferred without a
 * date, or stayed silent), watched by the PrivacyRequestsStalled alert.
 */
@Startup
@ApplicationScoped
public class BacklogMetrics {

    private static final Logger LOG = Logger.getLogger(BacklogMetrics.class);

    /** Bucket tag and its upper bound in days left (exclusive); overdue is anything already past its deadline. */
    private static final Map<String, Integer> BUCKETS = bucketBounds();

    /** The statuses of RequestStatus for which isOpen() is true. */
    private static final String OPEN = "'UNVERIFIED','PENDING_APPROVAL','IN_PROGRESS','STALLED'";

    private final Map<String, AtomicLong> counts = new LinkedHashMap<>();
    private final Map<String, AtomicLong> stalled = new LinkedHashMap<>();

    @Inject
    MeterRegistry registry;

    @Inject
    DataSource dataSource;

    @Inject
    Clock clock;

    @PostConstruct
    void register() {
        BUCKETS.keySet().forEach(bucket -> {
            AtomicLong count = new AtomicLong();
            counts.put(bucket, count);
            Gauge.builder("dsar.requests.open", count, AtomicLong::get)
                    .description("Open privacy requests by days left until their legal deadline")
                    .tag("due_in", bucket)
                    .register(registry);
        });
        for (RequestType type : RequestType.values()) {
            AtomicLong count = new AtomicLong();
            stalled.put(type.name(), count);
            Gauge.builder("dsar.requests.stalled", count, AtomicLong::get)
                    .description("Privacy requests STALLED, waiting for an officer, by type")
                    .tag("type", type.name())
                    .register(registry);
        }
    }

    @Scheduled(every = "${dsar.backlog-metrics.every:30s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        Instant now = clock.instant();
        StringBuilder bucketCase = new StringBuilder("CASE WHEN due_at < ? THEN 'overdue'");
        BUCKETS.forEach((bucket, days) -> {
            if (days != null && days > 0) {
                bucketCase.append(" WHEN due_at < ? THEN '").append(bucket).append('\'');
            }
        });
        bucketCase.append(" ELSE 'later' END");
        String sql = "SELECT " + bucketCase + " AS bucket, COUNT(*) FROM privacy_request WHERE status IN (" + OPEN
                + ") AND due_at IS NOT NULL GROUP BY bucket";
        Map<String, Long> found = new LinkedHashMap<>();
        Map<String, Long> stalledFound = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql);
                PreparedStatement stalledStatement = connection.prepareStatement(
                        "SELECT type, COUNT(*) FROM privacy_request WHERE status = 'STALLED' GROUP BY type")) {
            int parameter = 1;
            statement.setTimestamp(parameter++, Timestamp.from(now));
            for (Integer days : BUCKETS.values()) {
                if (days != null && days > 0) {
                    statement.setTimestamp(parameter++, Timestamp.from(now.plus(Duration.ofDays(days))));
                }
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString(1), rows.getLong(2));
                }
            }
            try (ResultSet rows = stalledStatement.executeQuery()) {
                while (rows.next()) {
                    stalledFound.put(rows.getString(1), rows.getLong(2));
                }
            }
        } catch (SQLException e) {
            // Keep the last values: a dashboard shows a stale backlog rather than a false empty one.
            LOG.warnf("Could not count the open requests by deadline: %s", e.getMessage());
            return;
        }
        counts.forEach((bucket, count) -> count.set(found.getOrDefault(bucket, 0L)));
        stalled.forEach((type, count) -> count.set(stalledFound.getOrDefault(type, 0L)));
    }

    private static Map<String, Integer> bucketBounds() {
        Map<String, Integer> bounds = new LinkedHashMap<>();
        bounds.put("overdue", 0);
        bounds.put("0-3d", 3);
        bounds.put("3-7d", 7);
        bounds.put("7-14d", 14);
        bounds.put("14-30d", 30);
        bounds.put("later", null);
        return bounds;
    }
}
