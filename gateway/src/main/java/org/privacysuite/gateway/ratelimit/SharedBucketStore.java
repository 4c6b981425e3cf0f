package org.privacysuite.gateway.ratelimit;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.privacysuite.gateway.config.GatewayConfig;

/**
 * The shared buckets' table in the gateway's database, when gateway.rate-limit.shared is on: created at start, and
 * cleared of expired rows once a minute. With the limits per replica the datasource stays inactive and nothing here
 * touches it.
 */
@ApplicationScoped
public class SharedBucketStore {

    private static final Logger LOG = Logger.getLogger(SharedBucketStore.class);

    private final GatewayConfig config;
    private final Instance<DataSource> dataSource;
    private DatabaseBucketStore store;
    private ScheduledExecutorService cleaner;

    SharedBucketStore(GatewayConfig config, Instance<DataSource> dataSource) {
        this.config = config;
        this.dataSource = dataSource;
    }

    void start(@Observes StartupEvent ignored) throws SQLException {
        if (config.rateLimit().shared()) {
            // Fails the start when the database is unreachable: a replica that cannot share its limits says so at once.
            store().createTable();
            cleaner = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "rate-limit-store-cleaner");
                thread.setDaemon(true);
                return thread;
            });
            cleaner.scheduleWithFixedDelay(this::deleteExpired, 1, 1, TimeUnit.MINUTES);
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (cleaner != null) {
            cleaner.shutdownNow();
        }
    }

    synchronized DatabaseBucketStore store() {
        if (store == null) {
            store = new DatabaseBucketStore(dataSource.get(), config.rateLimit().sharedLockTimeout());
        }
        return store;
    }

    private void deleteExpired() {
        try {
            store().deleteExpired(System.currentTimeMillis());
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("Expired rate-limit rows not deleted this time: %s", e.getMessage());
        }
    }
}
