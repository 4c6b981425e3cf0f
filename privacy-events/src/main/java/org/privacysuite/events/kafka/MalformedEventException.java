package org.privacysuite.events.kafka;

/** A record that can never be processed as it is; it goes to the dead-letter topic without retries. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
