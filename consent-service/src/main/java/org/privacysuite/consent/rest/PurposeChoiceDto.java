package org.privacysuite.consent.rest;

import java.time.Instant;

public record PurposeChoiceDto(String purpose, boolean granted, int noticeVersion, Instant decidedAt, boolean gpc,
        boolean reconsentRequired) {
}
