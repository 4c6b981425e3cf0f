package org.privacysuite.events.supervisor;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.privacysuite.events.config.EventsConfig;

/**
 * Keeps the backbone's threads alive. A consumer or relay thread that ends for any reason (an OutOfMemoryError from
 * one oversized request included) is started again with a capped, doubling backoff; {@link WorkersReadiness} reports
 * workers that are down or whose heartbeat is older than {@code privacy.events.supervisor.stall-after}, and the
 * metrics {@code privacy.events.worker.up} and {@code privacy.events.worker.restarts} make both visible.
 */
@ApplicationScoped
public class Supervisor {

    private static final Logger LOG = Logger.getLogger(Supervisor.class);

    @Inject
    EventsConfig config;

    @Inject
    MeterRegistry registry;

    private final List<Worker> workers = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService ticker;

    /** Starts {@code task} as the supervised worker {@code name}. */
    public synchronized Worker start(String name, WorkerTask task) {
        Worker worker = new Worker(name, task);
        workers.add(worker);
        Gauge.builder("privacy.events.worker.up", worker, w -> w.alive() && !stalled(w) ? 1 : 0)
                .tag("worker", name).register(registry);
        FunctionCounter.builder("privacy.events.worker.restarts", worker, Worker::restarts)
                .tag("worker", name).register(registry);
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "privacy-events-supervisor");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleWithFixedDelay(this::tick, 250, 250, TimeUnit.MILLISECONDS);
        }
        worker.start();
        return worker;
    }

    /** Stops a worker for good: {@code wakeup} must make its task return promptly (e.g. KafkaConsumer.wakeup). */
    public void stop(Worker worker, Runnable wakeup) {
        workers.remove(worker);
        worker.stop(wakeup, Duration.ofSeconds(15));
    }

    public List<Worker> workers() {
        return List.copyOf(workers);
    }

    public boolean stalled(Worker worker) {
        return worker.sinceLastBeat().compareTo(config.supervisor().stallAfter()) > 0;
    }

    private void tick() {
        for (Worker worker : workers) {
            try {
                worker.restartIfDead(config.supervisor().initialBackoff(), config.supervisor().maxBackoff());
            } catch (Throwable t) { // NOSONAR: the ticker must outlive whatever went wrong with one worker
                LOG.errorf(t, "Could not restart worker %s", worker.name());
            }
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }
}
