package org.privacysuite.events.catalogue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One line of the erasure journal ({@link Topics#ERASURE_JOURNAL}): a participant accepted an erasure request. Only
 * pseudonymous keys (the request id, the Keycloak {@code sub} or device id, the devices' ids, keyed hashes of the
 * request's proven addresses), never an address or a name: the journal outlives every backup and must not become a
 * copy of what it erases. A restore replays it (docs/operations.md).
 */
public record ErasureJournaled(UUID requestId, String subjectId, List<String> deviceIds, List<String> emailHashes,
        ErasureMode mode, String journaledBy, Instant journaledAt) implements EventData {

    public ErasureJournaled {
        deviceIds = deviceIds == null ? List.of() : List.copyOf(deviceIds);
        emailHashes = emailHashes == null ? List.of() : List.copyOf(emailHashes);
    }

    /** {@code emailHashes}: of the request's addresses, by {@code JournalKeys}. */
    public static ErasureJournaled of(ErasureRequested request, List<String> emailHashes, String service, Instant now) {
        return new ErasureJournaled(request.requestId(), request.subjectId(), request.identities().deviceIds(),
                emailHashes, request.mode(), service, now);
    }

    /**
     * The request as a participant replays it: its subject, devices and the addresses the participant recognised
     * behind the line's hashes, addressed to every participant.
     */
    public ErasureRequested asRequest(List<String> emails) {
        return new ErasureRequested(requestId, subjectId, new Identities(emails, deviceIds), mode);
    }
}
