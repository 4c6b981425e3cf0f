package org.privacysuite.events.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Lets the idle relay go as soon as a transaction of this process has committed outbox rows, instead of at its next
 * poll: that takes up to {@code poll-interval} off every hop of a saga. Rows other replicas write wait for the poll.
 */
@ApplicationScoped
public class RelayWakeUp {

    /** One permit at most: however many commits came, the next claim takes all their rows. */
    private final Semaphore written = new Semaphore(0);

    void onWritten(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Written event) {
        if (written.availablePermits() == 0) {
            written.release();
        }
    }

    /**
     * Waits for the pause, or less when rows were committed meanwhile (or since the last wait).
     *
     * @return whether a commit ended the wait
     */
    public boolean await(Duration pause) throws InterruptedException {
        if (written.tryAcquire(pause.toMillis(), TimeUnit.MILLISECONDS)) {
            written.drainPermits();
            return true;
        }
        return false;
    }
}
