package org.privacysuite.dsar.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.privacysuite.dsar.domain.RequestStatus;
import org.privacysuite.dsar.domain.RequestType;

/**
 * The figures above the officers' queue and on their overview: requests per status, open ones per type, overdue and
 * due within a week, the median time to fulfil over the last 90 days, and participants holding up STALLED requests.
 * Each figure is one aggregate query on an index; nothing is loaded row by row.
 */
@ApplicationScoped
public class QueueSummary {

    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration MEDIAN_WINDOW = Duration.ofDays(90);

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    public record Summary(Map<RequestStatus, Long> byStatus, Map<RequestType, Long> openByType, long overdue,
            long dueWithin7Days, Double medianDaysToFulfil90d, long stalledParticipants) {
    }

    public Summary summary() {
        Instant now = clock.instant();
        Map<RequestStatus, Long> byStatus = new EnumMap<>(RequestStatus.class);
        for (RequestStatus status : RequestStatus.values()) {
            byStatus.put(status, 0L);
        }
        em.createQuery("select r.status, count(r) from PrivacyRequest r group by r.status", Object[].class)
                .getResultList().forEach(row -> byStatus.put((RequestStatus) row[0], (Long) row[1]));
        Map<RequestType, Long> openByType = new EnumMap<>(RequestType.class);
        for (RequestType type : RequestType.values()) {
            openByType.put(type, 0L);
        }
        em.createQuery("select r.type, count(r) from PrivacyRequest r where r.queueOpen = true group by r.type",
                Object[].class).getResultList()
                .forEach(row -> openByType.put((RequestType) row[0], (Long) row[1]));
        long overdue = countOpen("r.dueAt < :now", now, null);
        long dueWithinWeek = countOpen("r.dueAt >= :now and r.dueAt < :until", now, now.plus(WEEK));
        long stalledParticipants = em.createQuery("select count(p) from Participant p, PrivacyRequest r"
                + " where p.requestId = r.id and r.status = :stalled"
                + " and (p.outcome is null or p.outcome in ('FAILED', 'DEFERRED'))", Long.class)
                .setParameter("stalled", RequestStatus.STALLED).getSingleResult();
        return new Summary(byStatus, openByType, overdue, dueWithinWeek, medianDaysToFulfil(now),
                stalledParticipants);
    }

    /** Open requests meeting a condition on {@code :now} and, when given, {@code :until}. */
    private long countOpen(String condition, Instant now, Instant until) {
        var query = em.createQuery("select count(r) from PrivacyRequest r where r.queueOpen = true and " + condition,
                Long.class).setParameter("now", now);
        if (until != null) {
            query.setParameter("until", until);
        }
        return query.getSingleResult();
    }

    /** The middle value of (fulfilled - received) for requests fulfilled in the window; null when there are none. */
    private Double medianDaysToFulfil(Instant now) {
        Instant since = now.minus(MEDIAN_WINDOW);
        long n = em.createQuery("select count(r) from PrivacyRequest r where r.fulfilledAt >= :since", Long.class)
                .setParameter("since", since).getSingleResult();
        if (n == 0) {
            return null;
        }
        // TIMESTAMPDIFF is the same in MySQL 8 and MariaDB; seconds keep the median exact enough for days.
        List<?> middle = em.createNativeQuery("select timestampdiff(second, received_at, fulfilled_at) as d"
                + " from privacy_request where fulfilled_at >= ?1 order by d limit 2 offset ?2")
                .setParameter(1, since).setParameter(2, (n - 1) / 2).getResultList();
        double seconds = ((Number) middle.get(0)).doubleValue();
        if (n % 2 == 0 && middle.size() > 1) {
            seconds = (seconds + ((Number) middle.get(1)).doubleValue()) / 2;
        }
        return Math.round(seconds / 86_400 * 10) / 10.0;
    }
}
