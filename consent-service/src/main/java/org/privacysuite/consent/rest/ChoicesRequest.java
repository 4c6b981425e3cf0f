package org.privacysuite.consent.rest;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.privacysuite.consent.domain.CollectionMethod;
import org.privacysuite.consent.domain.ConsentSource;

/** Choices recorded for a device or an account, as the banner or preference centre sends them. */
public record ChoicesRequest(
        @NotEmpty @Size(max = 50) Map<@Pattern(regexp = PURPOSE_KEY) String, @NotNull Boolean> choices,
        @NotNull CollectionMethod method,
        @Size(max = 2048) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String url,
        @Size(max = 50) Map<@Pattern(regexp = PURPOSE_KEY) String, @NotNull @Min(1) Integer> noticeVersions,
        ConsentSource source) {

    public static final String PURPOSE_KEY = "[a-z0-9][a-z0-9-]{0,63}";
}
