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
    API
}
