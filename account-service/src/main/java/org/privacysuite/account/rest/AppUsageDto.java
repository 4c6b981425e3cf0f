package org.privacysuite.account.rest;

import java.time.Duration;
import java.time.Instant;
import org.privacysuite.account.domain.AppUsageEvent;

public record AppUsageDto(String id, String appliance, String program, String duration, long durationSeconds,
        Instant startedAt, Instant receivedAt) {

    static AppUsageDto of(AppUsageEvent event) {
        return new AppUsageDto(event.usageId, event.appliance, event.program,
                Duration.ofSeconds(event.durationSeconds).toString(), event.durationSeconds, event.startedAt,
                event.receivedAt);
    }
}
