package org.privacysuite.events.catalogue;

import java.time.Instant;
import java.util.UUID;

/** An obligation that keeps an account open, such as a merchandise return window. */
public record HoldSummary(UUID holdId, String reason, Instant until, String reference) {
}
