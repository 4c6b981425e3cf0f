package org.privacysuite.newsletter.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.privacysuite.newsletter.config.NewsletterConfig;
import org.privacysuite.newsletter.domain.InterestPurpose;

/**
 * This replica's recent reads of the interest profile, so that {@code GET /api/offers} (a read per call) does not
 * wait on the database for a profile it has just read. An entry holds the stored rows (score and time), not the
 * weights: the decay is worked out on every use, so a cached profile fades like a read one.
 * <p>
 * How a copy stays true: every write of this replica ({@link InterestProfiles}' page views and deletions,
 * housekeeping) fires {@link Changed} inside its transaction, and the copies of those subjects are dropped once it
 * commits. A read that raced the write is dropped too (Caffeine blocks the removal until the load in progress ends).
 * Another replica's writes are seen within {@code newsletter.interests.read-cache-ttl} (2 s); the profile's rows
 * are only used to order offers and newsletter sections, while what a visitor is shown of the profile itself
 * ({@code GET /api/offers/interests}, the access export) is always read from the database.
 */
@ApplicationScoped
public class ProfileReads {

    /** A stored score: a count as of {@code updatedAt}. */
    public record Row(String topic, double score, Instant updatedAt) {
    }

    /** The profiles of these subjects changed (every purpose); {@code null} subjects: any may have. */
    public record Changed(Set<String> subjects) {

        public static Changed all() {
            return new Changed(null);
        }

        public static Changed of(Collection<String> subjects) {
            return new Changed(Set.copyOf(subjects));
        }
    }

    private record Key(String subject, InterestPurpose purpose) {
    }

    private final Cache<Key, List<Row>> cache;
    private final AgroalDataSource dataSource;

    @Inject
    ProfileReads(NewsletterConfig config, AgroalDataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.cache = Caffeine.newBuilder().maximumSize(config.interests().readCacheSize())
                .expireAfterWrite(config.interests().readCacheTtl()).recordStats().build();
        CaffeineCacheMetrics.monitor(registry, cache, "newsletter.interest-profiles");
    }

    /** The subject's stored rows for one purpose, from memory when this replica read them lately. */
    public List<Row> rows(String subject, InterestPurpose purpose) {
        return cache.get(new Key(subject, purpose), key -> read(key.subject, key.purpose));
    }

    void onChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) Changed changed) {
        if (changed.subjects() == null) {
            cache.invalidateAll();
            return;
        }
        List<Key> keys = new ArrayList<>();
        for (String subject : changed.subjects()) {
            for (InterestPurpose purpose : InterestPurpose.values()) {
                keys.add(new Key(subject, purpose));
            }
        }
        cache.invalidateAll(keys);
    }

    /** One indexed query on a plain connection: an ORM read in a transaction of its own cost most of the call. */
    private List<Row> read(String subject, InterestPurpose purpose) {
        List<Row> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT topic_key, score, updated_at FROM interest_score WHERE subject_id = ? AND purpose = ?")) {
            query.setString(1, subject);
            query.setString(2, purpose.key);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    // written as UTC wall-clock time (Hibernate's Instant mapping), read back as such
                    Instant updatedAt = result.getObject(3, LocalDateTime.class).toInstant(ZoneOffset.UTC);
                    rows.add(new Row(result.getString(1), result.getDouble(2), updatedAt));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The interest profile cannot be read", e);
        }
        return List.copyOf(rows);
    }
}
