package org.privacysuite.events.catalogue;

import java.util.List;
import java.util.UUID;

/** dsar-service asks for the subject's data; {@code participants} as in {@link ErasureRequested}. */
public record AccessRequested(UUID requestId, String subjectId, Identities identities, List<String> participants)
        implements EventData, AddressedCommand {

    public AccessRequested {
        participants = participants == null ? List.of() : List.copyOf(participants);
    }

    public AccessRequested(UUID requestId, String subjectId, Identities identities) {
        this(requestId, subjectId, identities, List.of());
    }
}
