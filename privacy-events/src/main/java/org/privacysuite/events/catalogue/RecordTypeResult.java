package org.privacysuite.events.catalogue;

/** What was done to one record type of the subject, and to how many records. */
public record RecordTypeResult(String recordType, ErasureAction action, long count) {
}
