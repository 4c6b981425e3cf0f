package org.privacysuite.events.catalogue;

import java.util.UUID;

public record ErasureRequested(UUID requestId, String subjectId, Identities identities, ErasureMode mode)
        implements EventData {
}
