package org.privacysuite.events.catalogue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One line of the erasure journal ({@link Topics#ERASURE_JOURNAL}): a participant accepted an erasure request. Only
 * pseudonymous keys (the request id, the Keycloak {@code sub} or device id, the devices' ids), never an address or a
 * name: the journal outlives every backup and must not become a copy of what it erases. A restore replays it
 * (docs/operations.md).
 */
public record ErasureJournaled(UUID requestId, String subjectId, List<String> deviceIds, ErasureMode mode,
        String journaledBy, Instant journaledAt) implements EventData {

    public ErasureJournaled {
        deviceIds = deviceIds == null ? List.of() : List.copyOf(deviceIds);
    }

    public static ErasureJournaled of(ErasureRequested request, String service, Instant now) {
        return new ErasureJournaled(request.requestId(), request.subjectId(), request.identities().deviceIds(),
                request.mode(), service, now);
    }

    /** The request as a participant replays it: its subject and devices, addressed to every participant. */
    public ErasureRequested asRequest() {
        return new ErasureRequested(requestId, subjectId, new Identities(List.of(), deviceIds), mode);
    }
}
