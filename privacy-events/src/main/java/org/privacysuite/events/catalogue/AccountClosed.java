package org.privacysuite.events.catalogue;

import java.time.Instant;
import java.util.List;

public record AccountClosed(String subjectId, List<HoldSummary> holds, Instant closedAt) implements EventData {

    public AccountClosed {
        holds = holds == null ? List.of() : List.copyOf(holds);
    }
}
