package org.privacysuite.account.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.privacysuite.account.domain.Hold;

public record HoldDto(String id, String reason, Instant until, String reference,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant releasedAt) {

    static HoldDto of(Hold hold) {
        return new HoldDto(hold.id, hold.reason, hold.until, hold.reference, hold.releasedAt);
    }
}
