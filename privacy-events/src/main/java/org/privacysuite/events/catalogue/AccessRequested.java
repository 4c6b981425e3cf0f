package org.privacysuite.events.catalogue;

import java.util.UUID;

public record AccessRequested(UUID requestId, String subjectId, Identities identities) implements EventData {
}
