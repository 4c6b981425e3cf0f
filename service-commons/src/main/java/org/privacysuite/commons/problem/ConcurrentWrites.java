package org.privacysuite.commons.problem;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Recognises a write that lost a race with another request: an optimistic-lock conflict, a duplicate key from two
 * concurrent first inserts, or a deadlock the database broke. Such a request is answered 409 (the client may read
 * again and retry), not 500. The persistence exceptions are matched by class name because service-commons has no
 * persistence dependency (the gateway uses it without a database); the cause chain is walked because the failure
 * often arrives wrapped (RollbackException, ArcUndeclaredThrowableException, Hibernate's ConstraintViolationException).
 */
final class ConcurrentWrites {

    /** JPA's and Hibernate's optimistic-lock failures (StaleObjectStateException extends StaleStateException). */
    private static final Set<String> STALE_STATE = Set.of("jakarta.persistence.OptimisticLockException",
            "org.hibernate.StaleStateException");

    /** MySQL/MariaDB error codes: ER_DUP_ENTRY, ER_DUP_ENTRY_WITH_KEY_NAME, ER_DUP_KEY, ER_LOCK_DEADLOCK. */
    private static final Set<Integer> LOST_RACE_CODES = Set.of(1062, 1586, 1022, 1213);

    private ConcurrentWrites() {
    }

    static boolean lostRace(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (isA(t, STALE_STATE)) {
                return true;
            }
            if (t instanceof SQLException sql && (LOST_RACE_CODES.contains(sql.getErrorCode())
                    || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isA(Throwable t, Set<String> classNames) {
        for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
            if (classNames.contains(type.getName())) {
                return true;
            }
        }
        return false;
    }
}
