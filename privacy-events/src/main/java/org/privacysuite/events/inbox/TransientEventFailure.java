package org.privacysuite.events.inbox;

/**
 * Thrown by a handler when applying the event failed for a reason that will pass (a dependency it must call is
 * unavailable): the consumer retries without limit and never dead-letters it. Anything else a handler throws that
 * {@link Failures} does not recognise as transient counts as a deterministic refusal.
 */
public class TransientEventFailure extends RuntimeException {

    public TransientEventFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
