package org.privacysuite.events.supervisor;

/**
 * The body of a supervised worker: loops until {@link Worker#stopping()}, calling {@link Worker#beat()} at least
 * once per round so that a stall shows. Returning while not stopping, or throwing anything (an {@code Error}
 * included), counts as a death and the supervisor starts the body again after a backoff.
 */
@FunctionalInterface
public interface WorkerTask {

    void run(Worker worker) throws Exception;
}
