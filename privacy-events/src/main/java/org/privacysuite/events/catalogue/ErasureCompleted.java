package org.privacysuite.events.catalogue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record ErasureCompleted(UUID requestId, String subjectId, String service, ErasureOutcome outcome,
        List<RecordTypeResult> records, Instant deferredUntil, String reason, List<RetainedItem> retained)
        implements EventData {

    public ErasureCompleted {
        records = records == null ? List.of() : List.copyOf(records);
        retained = retained == null ? List.of() : List.copyOf(retained);
    }
}
