package org.privacysuite.consent.service;

import java.time.Instant;

/** Whether a subject's data may be used for a purpose now, and on what decision that rests. */
public record Decision(boolean allowed, Integer noticeVersion, Instant decidedAt, String reason) {
}
