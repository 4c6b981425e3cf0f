package org.privacysuite.commons.throttle;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * Counts actions per key in fixed time windows, in the service's own database (table {@code throttle_counter},
 * changelog {@code db/service-commons/throttle.xml}), so that a limit holds across every replica of the service.
 *
 * <p>The key is never stored as given: an e-mail or client address becomes HMAC-SHA256 under the service's own
 * secret, so the table says how often "something" was used, not who. One statement counts a hit atomically
 * ({@code INSERT ... ON DUPLICATE KEY UPDATE}, MySQL 8 and MariaDB alike), so parallel requests cannot pass the
 * limit together. Call it outside the transaction that does the work (a hit must count even when that work is
 * refused or rolled back); rows of ended windows are removed by {@link #purgeExpired()}.
 */
public final class Throttle {

    /** At most {@code max} hits per {@code window}. */
    public record Limit(int max, Duration window) {
        public Limit {
            if (max < 1 || window.toSeconds() < 1) {
                throw new IllegalArgumentException("a limit needs max >= 1 and a window of at least a second");
            }
        }
    }

    /** Whether this hit is within the limit, the hits counted in the window so far, and when the window ends. */
    public record Verdict(boolean allowed, long hits, Duration retryAfter) {
    }

    private static final String HIT = "INSERT INTO throttle_counter (bucket, key_hash, window_start, expires_at, hits)"
            + " VALUES (?, ?, ?, ?, LAST_INSERT_ID(1)) ON DUPLICATE KEY UPDATE hits = LAST_INSERT_ID(hits + 1)";

    private final DataSource database;
    private final SecretKeySpec key;
    private final Clock clock;

    /** @param secret the service's HMAC key for throttle keys, at least 32 characters, never committed */
    public Throttle(DataSource database, String secret, Clock clock) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("the throttle secret must have at least 32 characters");
        }
        this.database = Objects.requireNonNull(database);
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Counts one hit of {@code value} (an e-mail, a client address) in {@code bucket} (what is limited, such as
     * {@code newsletter-confirmation-mail}; at most 64 characters) and says whether it is within {@code limit}.
     */
    public Verdict hit(String bucket, String value, Limit limit) {
        long now = Instant.now(clock).getEpochSecond();
        long window = limit.window().toSeconds();
        long windowStart = now - Math.floorMod(now, window);
        try (Connection connection = database.getConnection()) {
            try (PreparedStatement hit = connection.prepareStatement(HIT)) {
                hit.setString(1, bucket);
                hit.setString(2, keyHash(bucket, value));
                hit.setLong(3, windowStart);
                hit.setLong(4, windowStart + window);
                hit.executeUpdate();
            }
            // LAST_INSERT_ID(expr) hands this connection the count its own statement wrote, whatever others do.
            long hits;
            try (PreparedStatement read = connection.prepareStatement("SELECT LAST_INSERT_ID()");
                    ResultSet rs = read.executeQuery()) {
                rs.next();
                hits = rs.getLong(1);
            }
            return new Verdict(hits <= limit.max(), hits, Duration.ofSeconds(windowStart + window - now));
        } catch (SQLException e) {
            throw new IllegalStateException("Throttle counter unavailable", e);
        }
    }

    /** Deletes the counters of windows that have ended; returns how many. */
    public int purgeExpired() {
        try (Connection connection = database.getConnection();
                PreparedStatement purge = connection.prepareStatement("DELETE FROM throttle_counter WHERE expires_at <= ?")) {
            purge.setLong(1, Instant.now(clock).getEpochSecond());
            return purge.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Throttle counter unavailable", e);
        }
    }

    private String keyHash(String bucket, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            // the bucket is part of the input: the same address gives unrelated keys in different buckets
            mac.update(bucket.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
