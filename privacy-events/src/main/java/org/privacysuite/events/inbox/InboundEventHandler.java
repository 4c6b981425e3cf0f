package org.privacysuite.events.inbox;

import org.privacysuite.events.kafka.InboundEvent;

/**
 * Applies one event's effect. Runs inside the transaction that also records the event in the inbox, so the effect
 * and the de-duplication mark commit together. Throwing rolls both back and the record is retried.
 */
@FunctionalInterface
public interface InboundEventHandler {

    void handle(InboundEvent event) throws Exception;
}
