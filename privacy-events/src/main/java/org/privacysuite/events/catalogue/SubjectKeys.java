package org.privacysuite.events.catalogue;

/**
 * The subject key a privacy request's events carry: the account's id, or, for a request that reaches no account (a
 * cookie-only visitor, an address with no account behind it), {@code request:<request id>} standing in. A stand-in
 * names nobody a participant could look up: it only keys the events, so a participant skips any account lookup for it.
 */
public final class SubjectKeys {

    private static final String REQUEST_PREFIX = "request:";

    private SubjectKeys() {
    }

    /** The stand-in key of a request that reaches no account. */
    public static String standInFor(String requestId) {
        return REQUEST_PREFIX + requestId;
    }

    /** Whether the key may name an account (false for a request's stand-in). */
    public static boolean mayNameAccount(String subjectKey) {
        return subjectKey != null && !subjectKey.startsWith(REQUEST_PREFIX);
    }
}
