package org.privacysuite.consent.rest;

import java.time.Instant;

/**
 * The answer other services act on. {@code reason}: granted, refused, no-decision, reconsent-required, or
 * not-consent-based (a purpose that does not rest on consent).
 */
public record CheckDto(boolean allowed, String purpose, String subject, Integer noticeVersion, Instant decidedAt,
        String reason) {
}
