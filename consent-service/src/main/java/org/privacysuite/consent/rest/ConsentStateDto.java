package org.privacysuite.consent.rest;

import java.util.List;
import java.util.UUID;

/** A subject's current choice per purpose, and the receipt of the decision that produced them. */
public record ConsentStateDto(String subject, List<PurposeChoiceDto> purposes, UUID receiptId) {
}
