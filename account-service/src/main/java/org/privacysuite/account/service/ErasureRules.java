package org.privacysuite.account.service;

/**
 * The record types account-service holds and what erasure does to each (the declaration the README repeats).
 * <ul>
 * <li>{@code keycloak-user} DELETE: disabled, sessions ended, then deleted from Keycloak (username, email, password);
 * after an owner's closure, by the erasure request the closure starts (see {@link AccountLifecycle}).</li>
 * <li>{@code account-profile} DELETE: the profile row with its optional fields and sharing choices. Closing an account
 * already empties it, leaving a tombstone (id, status, dates) that the erasure request started by the closure
 * deletes.</li>
 * <li>{@code account-status-history} DELETE.</li>
 * <li>{@code account-hold} DELETE: holds exist only to keep the account open; the order system keeps its own
 * records. While a hold is active, erasure is DEFERRED until the latest hold ends (RETAIN, basis: the contract).</li>
 * <li>{@code app-usage-event} DELETE, at once, even while other records are deferred: consent was the only basis.</li>
 * <li>{@code app-usage-withdrawal} DELETE: the counts recorded when consent was withdrawn.</li>
 * <li>{@code erasure-request} ANONYMISE: the request id, status, dates and counts stay as proof of the answer; the
 * subject id and identities are removed.</li>
 * </ul>
 * A withdrawal of {@code app-usage-data} consent deletes the usage events collected so far (consent was their only
 * basis) and records how many in {@code app-usage-withdrawal}.
 */
public final class ErasureRules {

    public static final String SERVICE = "account-service";

    public static final String KEYCLOAK_USER = "keycloak-user";
    public static final String ACCOUNT_PROFILE = "account-profile";
    public static final String STATUS_HISTORY = "account-status-history";
    public static final String HOLD = "account-hold";
    public static final String APP_USAGE = "app-usage-event";
    public static final String APP_USAGE_WITHDRAWAL = "app-usage-withdrawal";
    public static final String ERASURE_REQUEST = "erasure-request";

    /** Legal basis of what a hold keeps. */
    public static final String HOLD_BASIS = "GDPR Art. 6(1)(b) and 17(3)(e): an obligation of the contract is still open";

    /** The basis of the account itself: the contract, not consent. */
    public static final String ACCOUNT_BASIS = "GDPR Art. 6(1)(b): the account is the contract the person holds";

    private ErasureRules() {
    }
}
