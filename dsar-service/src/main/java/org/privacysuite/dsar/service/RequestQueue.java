package org.privacysuite.dsar.service;

import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.dsar.domain.Jurisdiction;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.dsar.domain.RequestSource;
import org.privacysuite.dsar.domain.RequestStatus;
import org.privacysuite.dsar.domain.RequestType;

/**
 * The request list, filtered and paged in the database: pages follow (due date, id), and the next page starts after
 * the last row of this one (keyset pagination), so that page 1,000 costs what page 1 costs and a request that arrives
 * while an officer pages is neither skipped nor shown twice. Every filter is a condition on indexed columns of
 * {@code privacy_request} (Liquibase dsar-9 and dsar-11).
 */
@ApplicationScoped
public class RequestQueue {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    @Inject
    Clock clock;

    /**
     * What to show. Null fields do not filter. {@code subjectId} limits the list to one person's requests (everyone
     * but officers). {@code overdue} and {@code dueWithinDays} concern open requests only.
     */
    public record Filter(RequestStatus status, RequestType type, Jurisdiction jurisdiction, RequestSource source,
            Boolean open, Boolean overdue, Integer dueWithinDays, String subjectId) {
    }

    /** One page, and where the next one starts when there is one. */
    public record Page(List<PrivacyRequest> requests, Optional<Cursor> next) {
    }

    /** The position after a row in (due date, id) order; opaque to clients. */
    public record Cursor(Instant dueAt, String id) {

        public String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((dueAt + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        /** A cursor a client sent back; anything this class did not write is a 400, not a 500. */
        public static Cursor decode(String text) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|");
                if (parts.length == 2 && parts[1].matches(PrivacyRequest.ID_PATTERN)) {
                    return new Cursor(Instant.parse(parts[0]), parts[1]);
                }
            } catch (IllegalArgumentException | DateTimeParseException e) {
                // answered below
            }
            throw ProblemException.invalid("after", "not a cursor from this list's Link header");
        }
    }

    public Page page(Filter filter, Cursor after, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (filter.dueWithinDays() != null && (filter.dueWithinDays() < 0 || filter.dueWithinDays() > 3660)) {
            throw ProblemException.invalid("dueWithinDays", "must be between 0 and 3660");
        }
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        where(filter, conditions, parameters);
        if (after != null) {
            conditions.add("(dueAt > :afterDue or (dueAt = :afterDue and id > :afterId))");
            parameters.and("afterDue", after.dueAt()).and("afterId", after.id());
        }
        String query = (conditions.isEmpty() ? "" : String.join(" and ", conditions)) + " order by dueAt, id";
        // One row more than asked: whether it exists says whether there is a next page.
        List<PrivacyRequest> rows = PrivacyRequest.<PrivacyRequest>find(query, parameters).range(0, limit).list();
        if (rows.size() <= limit) {
            return new Page(rows, Optional.empty());
        }
        List<PrivacyRequest> page = rows.subList(0, limit);
        PrivacyRequest last = page.get(limit - 1);
        return new Page(List.copyOf(page), Optional.of(new Cursor(last.dueAt, last.id)));
    }

    private void where(Filter filter, List<String> conditions, Parameters parameters) {
        Instant now = clock.instant();
        if (filter.subjectId() != null) {
            conditions.add("subjectId = :subject");
            parameters.and("subject", filter.subjectId());
        }
        if (filter.status() != null) {
            conditions.add("status = :status");
            parameters.and("status", filter.status());
        }
        if (filter.type() != null) {
            conditions.add("type = :type");
            parameters.and("type", filter.type());
        }
        if (filter.jurisdiction() != null) {
            conditions.add("jurisdiction = :jurisdiction");
            parameters.and("jurisdiction", filter.jurisdiction());
        }
        if (filter.source() != null) {
            conditions.add("source = :source");
            parameters.and("source", filter.source());
        }
        if (filter.open() != null) {
            conditions.add("queueOpen = :open");
            parameters.and("open", filter.open());
        }
        if (filter.overdue() != null) {
            conditions.add(filter.overdue() ? "(queueOpen = true and dueAt < :now)"
                    : "(queueOpen = false or dueAt >= :now)");
            parameters.and("now", now);
        }
        if (filter.dueWithinDays() != null) {
            conditions.add("(queueOpen = true and dueAt >= :now and dueAt < :dueBy)");
            parameters.and("now", now).and("dueBy", now.plus(Duration.ofDays(filter.dueWithinDays())));
        }
    }
}
