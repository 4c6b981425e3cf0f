package org.privacysuite.gateway.ratelimit;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.AbstractSelectForUpdateBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.LockAndGetResult;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.SelectForUpdateBasedTransaction;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Bucket4j's select-for-update protocol on a MySQL table, so that every gateway replica reads and changes the same
 * buckets: each take locks the bucket's row ({@code SELECT ... FOR UPDATE}), lets Bucket4j compute the new state and
 * writes it back in the same transaction. Plain SQL that MySQL 8 and MariaDB 10.6+ both accept. (Bucket4j's own
 * bucket4j_jdk17-mysql module does the same but is not served by the build's Maven repository.)
 *
 * <p>Rows expire once their bucket would be full again (Bucket4j's basedOnTimeForRefillingBucketUpToMax); expired
 * rows are indistinguishable from missing ones and {@link #deleteExpired} removes them.
 */
final class DatabaseBucketStore extends AbstractSelectForUpdateBasedProxyManager<String> {

    static final String TABLE = "gateway_rate_limit_bucket";

    private final DataSource dataSource;

    DatabaseBucketStore(DataSource dataSource, Duration lockTimeout) {
        super(ClientSideConfig.getDefault()
                .withRequestTimeout(lockTimeout)
                .withExpirationAfterWriteStrategy(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(1))));
        this.dataSource = dataSource;
    }

    /** The table is a cache of bucket states (losing it loses only current counts), so it has no migration history. */
    void createTable() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                    + " id CHAR(64) NOT NULL PRIMARY KEY," // SHA-256 of kind and key: no client address in the table
                    + " state VARBINARY(1024) NULL,"
                    + " expires_at BIGINT NULL,"
                    + " INDEX " + TABLE + "_expires (expires_at))");
        }
    }

    /** Removes a batch of rows whose buckets are full again; returns how many. */
    int deleteExpired(long nowMillis) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM " + TABLE + " WHERE expires_at < ? LIMIT 1000")) {
            delete.setLong(1, nowMillis);
            return delete.executeUpdate();
        }
    }

    @Override
    protected SelectForUpdateBasedTransaction allocateTransaction(String id, Optional<Long> timeoutNanos) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException("No connection to the rate-limit store", e);
        }
        return new RowTransaction(connection, id);
    }

    @Override
    public void removeProxy(String id) {
        sql(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE + " WHERE id = ?")) {
                delete.setString(1, id);
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public boolean isExpireAfterWriteSupported() {
        return true;
    }

    /** One take: a transaction on one connection, holding the row lock from tryLockAndGet until commit. */
    private final class RowTransaction implements SelectForUpdateBasedTransaction {

        private final Connection connection;
        private final String id;

        RowTransaction(Connection connection, String id) {
            this.connection = connection;
            this.id = id;
        }

        @Override
        public void begin(Optional<Long> timeoutNanos) {
            sql(() -> connection.setAutoCommit(false));
        }

        @Override
        public LockAndGetResult tryLockAndGet(Optional<Long> timeoutNanos) {
            return sql(() -> {
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT state FROM " + TABLE + " WHERE id = ? FOR UPDATE")) {
                    applyTimeout(select, timeoutNanos);
                    select.setString(1, id);
                    try (ResultSet row = select.executeQuery()) {
                        return row.next() ? LockAndGetResult.locked(row.getBytes(1)) : LockAndGetResult.notLocked();
                    }
                }
            });
        }

        @Override
        public boolean tryInsertEmptyData(Optional<Long> timeoutNanos) {
            return sql(() -> {
                // Another replica may insert the same row first; then this one locks it on the next attempt.
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT IGNORE INTO " + TABLE + " (id, state, expires_at) VALUES (?, NULL, NULL)")) {
                    applyTimeout(insert, timeoutNanos);
                    insert.setString(1, id);
                    return insert.executeUpdate() > 0;
                }
            });
        }

        @Override
        public void update(byte[] data, RemoteBucketState newState, Optional<Long> timeoutNanos) {
            sql(() -> {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE " + TABLE + " SET state = ?, expires_at = ? WHERE id = ?")) {
                    applyTimeout(update, timeoutNanos);
                    update.setBytes(1, data);
                    Optional<ExpirationAfterWriteStrategy> expiration = getClientSideConfig().getExpirationAfterWriteStrategy();
                    if (expiration.isPresent()) {
                        long ttlMillis = expiration.get().calculateTimeToLiveMillis(newState, currentTimeNanos());
                        update.setLong(2, System.currentTimeMillis() + ttlMillis);
                    } else {
                        update.setNull(2, Types.BIGINT);
                    }
                    update.setString(3, id);
                    return update.executeUpdate();
                }
            });
        }

        @Override
        public void commit(Optional<Long> timeoutNanos) {
            sql(() -> {
                connection.commit();
                return null;
            });
        }

        @Override
        public void rollback() {
            sql(() -> {
                connection.rollback();
                return null;
            });
        }

        @Override
        public void release() {
            sql(() -> {
                connection.close();
                return null;
            });
        }
    }

    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    private interface SqlAction {
        void run() throws SQLException;
    }

    private static <T> T sql(SqlWork<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new IllegalStateException("Rate-limit store: " + e.getMessage(), e);
        }
    }

    private static void sql(SqlAction action) {
        sql(() -> {
            action.run();
            return null;
        });
    }
}
