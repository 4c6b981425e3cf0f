package org.privacysuite.dsar.drp;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The Data Rights Protocol's periodic work on every replica: due status callbacks, then forgetting expired messages. */
@ApplicationScoped
public class DrpJobs {

    @Inject
    DrpCallbackDelivery callbacks;

    @Inject
    DrpReplayGuard replay;

    @Scheduled(every = "${dsar.drp.callbacks.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        callbacks.deliverDue();
        replay.forgetExpired();
    }
}
