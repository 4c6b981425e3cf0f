package org.privacysuite.account.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;

/** One use of an appliance as the companion app reports it; {@code duration} as ISO-8601 (PT45M) or seconds. */
public record AppUsageRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String appliance,
        @NotBlank @Size(max = 100) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String program,
        @NotNull Duration duration,
        Instant startedAt) {

    static final String TEXT = "[^\\p{Cntrl}]+";
    static final String TEXT_MESSAGE = "must not contain control characters";
}
