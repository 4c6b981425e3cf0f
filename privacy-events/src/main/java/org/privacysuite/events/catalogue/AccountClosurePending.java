package org.privacysuite.events.catalogue;

import java.time.Instant;
import java.util.List;

public record AccountClosurePending(String subjectId, List<HoldSummary> holds, Instant expectedClosureAt)
        implements EventData {

    public AccountClosurePending {
        holds = holds == null ? List.of() : List.copyOf(holds);
    }
}
