package org.privacysuite.events.catalogue;

import java.time.Instant;

/** A record type kept despite erasure, with the legal basis and the date it goes. */
public record RetainedItem(String recordType, String legalBasis, Instant until) {
}
