package org.privacysuite.events.catalogue;

import java.util.List;
import java.util.UUID;

/**
 * dsar-service asks the participants to erase. {@code participants}: the services this command is addressed to; empty
 * (the first ask) means every participant, a re-ask names only those that have not answered yet, so the others do
 * not act again.
 */
public record ErasureRequested(UUID requestId, String subjectId, Identities identities, ErasureMode mode,
        List<String> participants) implements EventData, AddressedCommand {

    public ErasureRequested {
        participants = participants == null ? List.of() : List.copyOf(participants);
    }

    public ErasureRequested(UUID requestId, String subjectId, Identities identities, ErasureMode mode) {
        this(requestId, subjectId, identities, mode, List.of());
    }
}
