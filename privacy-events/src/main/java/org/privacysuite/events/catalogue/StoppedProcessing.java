package org.privacysuite.events.catalogue;

/**
 * One thing an objection stopped. {@code processing}: a consent purpose key ({@code advertising-cookies}) or a
 * declared record type ({@code subscriber}); {@code action}: {@code REFUSED} (the purpose is recorded as refused,
 * with a receipt whose method names the objection) or {@code ENDED} (the record's processing ended, such as a
 * subscription); {@code count}: for how many subjects or records.
 */
public record StoppedProcessing(String processing, Action action, long count) {

    public enum Action {
        REFUSED,
        ENDED
    }
}
