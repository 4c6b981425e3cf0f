package org.privacysuite.consent.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where the choice was made. */
public enum ConsentSource {
    @JsonProperty("banner")
    BANNER,
    @JsonProperty("preference-center")
    PREFERENCE_CENTER,
    @JsonProperty("app")
    APP,
    @JsonProperty("api")
    API,
    /**
     * A privacy request the person made to dsar-service (an objection, an opt-out of sale), carried out here. Only
     * this service records it; a client that sends it is refused.
     */
    @JsonProperty("privacy-request")
    PRIVACY_REQUEST;

    public boolean sendable() {
        return this != PRIVACY_REQUEST;
    }
}
