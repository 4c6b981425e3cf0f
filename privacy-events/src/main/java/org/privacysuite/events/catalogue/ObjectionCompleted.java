package org.privacysuite.events.catalogue;

import java.util.List;
import java.util.UUID;

/** A participant's answer to {@link ObjectionRequested}: what it stopped, or why nothing. No personal data. */
public record ObjectionCompleted(UUID requestId, String subjectId, String service, ObjectionOutcome outcome,
        List<StoppedProcessing> stopped, String reason) implements EventData {

    public ObjectionCompleted {
        stopped = stopped == null ? List.of() : List.copyOf(stopped);
    }

    /** The answer of a service that does none of the processing the objection covers. */
    public static ObjectionCompleted nothingFound(ObjectionRequested request, String service, String reason) {
        return new ObjectionCompleted(request.requestId(), request.subjectId(), service, ObjectionOutcome.NOTHING_FOUND,
                List.of(), reason);
    }
}
