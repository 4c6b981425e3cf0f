package org.privacysuite.events.outbox;

import org.privacysuite.events.catalogue.Topics;

/**
 * An event larger than the suite's topics take ({@link Topics#MAX_EVENT_DATA_BYTES}); nothing was written. Not a
 * transient failure: the same event is as large the next time.
 */
public class EventTooLargeException extends IllegalStateException {

    public EventTooLargeException(String type, int bytes) {
        super("Event " + type + " is " + bytes + " bytes of data; the topics take at most "
                + Topics.MAX_EVENT_DATA_BYTES);
    }
}
