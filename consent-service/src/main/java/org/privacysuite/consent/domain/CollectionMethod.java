package org.privacysuite.consent.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How the choices were expressed; recorded as proof and checked against the choices themselves. The methods with a
 * {@code recordedBy} are written by this service when something else happened (a device linked, a privacy request
 * carried out); a client that sends one is refused, or its receipts could claim a request nobody made.
 */
public enum CollectionMethod {
    @JsonProperty("accept-all")
    ACCEPT_ALL("accept-all", null),
    @JsonProperty("reject-all")
    REJECT_ALL("reject-all", null),
    @JsonProperty("custom")
    CUSTOM("custom", null),
    /** Decisions carried over from a device to the account it signed in to. */
    @JsonProperty("device-link")
    DEVICE_LINK("device-link", "linking a device"),
    /** Refusals recorded for an objection to direct marketing (GDPR Art. 21(2)-(3)), sent by dsar-service. */
    @JsonProperty("objection")
    OBJECTION("objection", "an objection request"),
    /** Refusals recorded for an opt-out of sale or sharing (CCPA §7026, DRP sale:opt-out), sent by dsar-service. */
    @JsonProperty("opt-out-of-sale")
    OPT_OUT_OF_SALE("opt-out-of-sale", "an opt-out-of-sale request");

    private final String wire;
    private final String recordedBy;

    CollectionMethod(String wire, String recordedBy) {
        this.wire = wire;
        this.recordedBy = recordedBy;
    }

    public String wire() {
        return wire;
    }

    /** Whether a client may send it with its choices. */
    public boolean sendable() {
        return recordedBy == null;
    }

    /** What records it, for the message that refuses it from a client. */
    public String recordedBy() {
        return recordedBy;
    }
}
