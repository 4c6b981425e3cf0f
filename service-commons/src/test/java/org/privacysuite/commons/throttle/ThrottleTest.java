package org.privacysuite.commons.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.privacysuite.commons.problem.CommonsTestBase;

/** The throttle against the real database: exact under parallel hits, keyed by a hash, windows that end. */
@QuarkusTest
class ThrottleTest extends CommonsTestBase {

    private static final String SECRET = "test-only-throttle-secret-not-a-real-one";
    private static final Throttle.Limit THREE_PER_HOUR = new Throttle.Limit(3, Duration.ofHours(1));

    @Inject
    DataSource dataSource;

    private Throttle at(Instant now) {
        return new Throttle(dataSource, SECRET, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void refusesBeyondTheLimitUntilTheWindowEnds() {
        String address = UUID.randomUUID() + "@example.com";
        Instant now = Instant.parse("2026-01-01T10:15:00Z");
        Throttle throttle = at(now);
        for (int i = 1; i <= 3; i++) {
            assertTrue(throttle.hit("test-mail", address, THREE_PER_HOUR).allowed(), "hit " + i);
        }
        Throttle.Verdict fourth = throttle.hit("test-mail", address, THREE_PER_HOUR);
        assertFalse(fourth.allowed());
        assertEquals(4, fourth.hits());
        assertEquals(Duration.ofMinutes(45), fourth.retryAfter());
        // another address, and the same address in another bucket, have their own counts
        assertTrue(throttle.hit("test-mail", "other-" + address, THREE_PER_HOUR).allowed());
        assertTrue(throttle.hit("test-other", address, THREE_PER_HOUR).allowed());
        // the next window starts afresh
        assertTrue(at(now.plus(Duration.ofMinutes(45))).hit("test-mail", address, THREE_PER_HOUR).allowed());
    }

    @Test
    void parallelHitsCannotPassTheLimitTogether() throws Exception {
        String address = UUID.randomUUID() + "@example.com";
        Throttle throttle = at(Instant.parse("2026-01-01T11:00:00Z"));
        int threads = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return throttle.hit("test-parallel", address, THREE_PER_HOUR).allowed();
                }));
            }
            start.countDown();
            int allowed = 0;
            for (Future<Boolean> result : results) {
                allowed += result.get() ? 1 : 0;
            }
            assertEquals(3, allowed);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void storesAKeyedHashNeverTheValue() throws Exception {
        String address = "stored-" + UUID.randomUUID() + "@example.com";
        at(Instant.parse("2026-01-01T12:00:00Z")).hit("test-hash", address, THREE_PER_HOUR);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT key_hash FROM throttle_counter WHERE bucket = 'test-hash'")) {
            assertTrue(rs.next());
            String stored = rs.getString(1);
            assertTrue(stored.matches("[0-9a-f]{64}"), stored);
            assertFalse(stored.contains(address));
            // keyed: another secret gives another key, so the table cannot be matched against a list of addresses
            new Throttle(dataSource, "another-test-only-throttle-secret-value", Clock.fixed(
                    Instant.parse("2026-01-01T12:00:00Z"), ZoneOffset.UTC)).hit("test-hash", address, THREE_PER_HOUR);
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(DISTINCT key_hash) FROM throttle_counter WHERE bucket = 'test-hash'")) {
            rs.next();
            assertEquals(2, rs.getInt(1));
        }
        assertThrows(IllegalArgumentException.class, () -> new Throttle(dataSource, "short", Clock.systemUTC()));
    }

    @Test
    void endedWindowsArePurged() throws Exception {
        String address = UUID.randomUUID() + "@example.com";
        Instant now = Instant.parse("2026-01-01T13:00:00Z");
        at(now).hit("test-purge", address, THREE_PER_HOUR);
        assertTrue(at(now.plus(Duration.ofMinutes(59))).purgeExpired() >= 0);
        assertEquals(1, rows("test-purge"));
        assertTrue(at(now.plus(Duration.ofHours(1))).purgeExpired() >= 1);
        assertEquals(0, rows("test-purge"));
    }

    private int rows(String bucket) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM throttle_counter WHERE bucket = '" + bucket + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
