package org.privacysuite.account.service;

import io.opentelemetry.context.Context;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs follow-up work (closing an account an erasure request just marked, say) once the current transaction has
 * committed, on a worker thread, so that event consumers never wait for Keycloak. Work lost to a crash is picked up
 * by the lifecycle job.
 */
@ApplicationScoped
public class AfterCommit {

    private static final Logger LOG = Logger.getLogger(AfterCommit.class);

    @Inject
    TransactionSynchronizationRegistry transactions;

    private ExecutorService worker;

    @PostConstruct
    void init() {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "account-after-commit");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void run(String what, Runnable work) {
        // the work continues the caller's trace (an erasure request's answer is part of its trace, docs/operations.md)
        Context trace = Context.current();
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    worker.execute(trace.wrap(() -> {
                        try {
                            work.run();
                        } catch (RuntimeException e) {
                            LOG.warnf(e, "%s failed; the lifecycle job will retry", what);
                        }
                    }));
                }
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }
}
