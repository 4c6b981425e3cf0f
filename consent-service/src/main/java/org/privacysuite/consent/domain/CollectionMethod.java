package org.privacysuite.consent.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the choices were expressed; recorded as proof and checked against the choices themselves. */
public enum CollectionMethod {
    @JsonProperty("accept-all")
    ACCEPT_ALL("accept-all"),
    @JsonProperty("reject-all")
    REJECT_ALL("reject-all"),
    @JsonProperty("custom")
    CUSTOM("custom"),
    /** Decisions carried over from a device to the account it signed in to. */
    @JsonProperty("device-link")
    DEVICE_LINK("device-link");

    private final String wire;

    CollectionMethod(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
