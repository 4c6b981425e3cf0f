package org.privacysuite.account.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.privacysuite.account.service.Closures;

/** Where a closure stands: CLOSED, or CLOSURE_PENDING with the holds it waits for and the expected date. */
public record ClosureDto(String status, List<HoldDto> holds, Instant expectedClosureAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant closedAt) {

    static ClosureDto of(Closures.View view) {
        return new ClosureDto(view.status().name(), view.holds().stream().map(HoldDto::of).toList(),
                view.expectedClosureAt(), view.closedAt());
    }
}
