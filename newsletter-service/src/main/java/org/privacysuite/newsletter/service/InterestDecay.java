package org.privacysuite.newsletter.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.privacysuite.newsletter.config.NewsletterConfig;
import org.privacysuite.newsletter.domain.InterestScore;

/**
 * How a profile forgets: a stored score is a count as of its {@code updatedAt}; every half-life its weight halves.
 * The same rule runs in SQL when a visit adds to a score ({@link InterestProfiles}) and here when a score is read,
 * so a profile nobody refreshes fades without anybody rewriting it (and housekeeping deletes it after
 * {@code browsing.retention}).
 */
@ApplicationScoped
public class InterestDecay {

    @Inject
    NewsletterConfig config;

    public Duration halfLife() {
        return config.interests().halfLife();
    }

    /** The score's weight at {@code now}. A score stamped in the future (another replica's clock) is not inflated. */
    public double weight(InterestScore score, Instant now) {
        return weight(score.score, score.updatedAt, now);
    }

    /** A score stored at {@code updatedAt}, weighed at {@code now}. */
    public double weight(double score, Instant updatedAt, Instant now) {
        long ageMicros = Math.max(0, Duration.between(updatedAt, now).toNanos() / 1000);
        return score * Math.pow(0.5, ageMicros / halfLifeMicros());
    }

    /** A weight as people read it: two decimals. */
    public static double rounded(double weight) {
        return Math.round(weight * 100) / 100.0;
    }

    /** The half-life in microseconds, as the SQL upsert's {@code TIMESTAMPDIFF(MICROSECOND, ...)} counts. */
    double halfLifeMicros() {
        return halfLife().toNanos() / 1000.0;
    }
}
