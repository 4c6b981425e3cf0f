package org.privacysuite.dsar.domain;

public enum RequestSource {
    /** The privacy-request form or API. */
    WEB,
    /** Opened by account-service's account.closed.v1: the person asked by closing the account. */
    ACCOUNT_CLOSURE,
    /** An authorised agent through the Data Rights Protocol. */
    AUTHORISED_AGENT
}
