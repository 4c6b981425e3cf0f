package org.privacysuite.events.inbox;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Tells failures that will pass from failures that will always fail. Transient: the database or broker is
 * unreachable or busy (connection loss, lock wait timeout, deadlock, transaction timeout, pool exhausted); the
 * consumer retries those without limit, because dead-lettering them would drop events that nothing is wrong with.
 * Everything else (a handler's refusal, a constraint violation, a bug) fails the same way every time and goes to
 * the dead-letter topic after bounded attempts. See docs/events.md.
 */
public final class Failures {

    /** MySQL/MariaDB error codes that will pass: lock wait timeout, deadlock, too many connections, server going away. */
    private static final Set<Integer> TRANSIENT_ERROR_CODES = Set.of(1205, 1213, 1040, 1053, 1927, 2002, 2003, 2006,
            2013, 1158, 1159, 1160, 1161);
    /** Matched by name so the library needs neither Hibernate nor Jakarta Persistence on its classpath. */
    private static final Set<String> TRANSIENT_CLASSES = Set.of(
            "org.hibernate.exception.JDBCConnectionException",
            "org.hibernate.exception.LockAcquisitionException",
            "org.hibernate.exception.LockTimeoutException",
            "org.hibernate.PessimisticLockException",
            "org.hibernate.QueryTimeoutException",
            "jakarta.persistence.LockTimeoutException",
            "jakarta.persistence.PessimisticLockException",
            "jakarta.persistence.QueryTimeoutException",
            // commit refused because the transaction was rolled back behind our back: the reaper's timeout
            "jakarta.transaction.RollbackException");

    private Failures() {
    }

    public static boolean isTransient(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 25; t = t.getCause(), depth++) {
            if (isTransientItself(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransientItself(Throwable t) {
        if (t instanceof TransientEventFailure || t instanceof RetriableException || t instanceof ConnectException
                || t instanceof SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException) {
            return true;
        }
        if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                || t instanceof SQLNonTransientConnectionException) {
            return true;
        }
        if (t instanceof SQLException sql) {
            String state = sql.getSQLState() == null ? "" : sql.getSQLState();
            if (state.startsWith("08") || state.startsWith("40") || TRANSIENT_ERROR_CODES.contains(sql.getErrorCode())) {
                return true;
            }
            String message = String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT);
            // Agroal: "Sorry, acquisition timeout!" when the pool has no connection to give (database away).
            if (message.contains("acquisition timeout") || message.contains("transaction timeout")) {
                return true;
            }
        }
        return TRANSIENT_CLASSES.contains(t.getClass().getName());
    }
}
