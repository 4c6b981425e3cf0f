package org.privacysuite.events.catalogue;

import java.util.List;
import java.util.UUID;

/**
 * dsar-service asks the participants to stop the processing an objection covers, for every identity the request
 * proves or resolved ({@code subjectId} is the account when there is one, as in {@link ErasureRequested}).
 * {@code participants} as in {@link ErasureRequested}. Each participant answers with {@link ObjectionCompleted}.
 */
public record ObjectionRequested(UUID requestId, String subjectId, Identities identities, ObjectionScope scope,
        List<String> participants) implements EventData, AddressedCommand {

    public ObjectionRequested {
        identities = identities == null ? Identities.none() : identities;
        scope = scope == null ? ObjectionScope.DIRECT_MARKETING : scope;
        participants = participants == null ? List.of() : List.copyOf(participants);
    }
}
