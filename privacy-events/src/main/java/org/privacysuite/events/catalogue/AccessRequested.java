package org.privacysuite.events.catalogue;

import java.util.List;
import java.util.UUID;

/**
 * dsar-service asks for the subject's data; {@code participants} as in {@link ErasureRequested}.
 *
 * <p>{@code portable} (GDPR Art. 20, a PORTABILITY request): only the data the person provided or that was observed
 * from their use of the service (the record types declared with origin {@link DataOrigin#PROVIDED} or
 * {@link DataOrigin#OBSERVED}), and in one shape, so that dsar-service can write one CSV per record type: the
 * answer's {@code data} is an object whose keys are those record types and whose values are arrays of flat rows,
 * each row an object of scalars (string, number, boolean or null) with the same keys in the same order. Absent in
 * events written before it existed: read as false.
 */
public record AccessRequested(UUID requestId, String subjectId, Identities identities, List<String> participants,
        boolean portable) implements EventData, AddressedCommand {

    public AccessRequested {
        participants = participants == null ? List.of() : List.copyOf(participants);
    }

    public AccessRequested(UUID requestId, String subjectId, Identities identities, List<String> participants) {
        this(requestId, subjectId, identities, participants, false);
    }

    public AccessRequested(UUID requestId, String subjectId, Identities identities) {
        this(requestId, subjectId, identities, List.of(), false);
    }
}
