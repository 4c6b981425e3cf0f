package org.privacysuite.consent.rest;

import java.util.List;

/** A subject's current choice per purpose, and the receipt of the latest decision. */
public record ConsentStateDto(String subject, List<PurposeChoiceDto> purposes, String receiptId) {
}
