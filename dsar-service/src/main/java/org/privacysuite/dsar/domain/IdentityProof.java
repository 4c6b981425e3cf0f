package org.privacysuite.dsar.domain;

/**
 * How a request's identity was proven (docs/identity.md). A request acts only on identities that carry one of these;
 * an e-mail address without a proof waits for the mailed code and is never put on an event.
 */
public enum IdentityProof {
    /** The subject id of a valid user token (Keycloak {@code sub}). */
    TOKEN_SUBJECT,
    /** The token's {@code email} claim, with {@code email_verified: true}. */
    TOKEN_VERIFIED_EMAIL,
    /** The code mailed to the address was given back. */
    MAILED_CODE,
    /** An authorised agent attested it (Data Rights Protocol, section 3.04/3.07 identity claims). */
    AGENT_ATTESTED,
    /** account-service's {@code account.closed.v1}: the account owner closed the account while signed in. */
    ACCOUNT_CLOSURE,
    /**
     * The request came with the device id the browser keeps in its first-party consent cookie: a random 128-bit id
     * only that browser holds, so holding it proves the device (a cookie-only visitor has nothing else).
     */
    DEVICE_HELD
}
