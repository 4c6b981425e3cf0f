package org.privacysuite.events.supervisor;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * One long-running thread of the backbone (an inbox consumer, the outbox relay) under the {@link Supervisor}: each
 * (re)start runs the task in a fresh thread; the supervisor notices a dead thread and starts a new one after a
 * backoff that doubles up to a cap, and a stale heartbeat marks the worker stalled.
 */
public final class Worker {

    private static final Logger LOG = Logger.getLogger(Worker.class);

    private final String name;
    private final WorkerTask task;
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile Thread thread;
    private volatile boolean stopping;
    private volatile long lastBeatNanos = System.nanoTime();
    private volatile long restartAtNanos;
    private volatile long startedAtNanos;
    private volatile Duration backoff;
    private volatile String lastFailure;

    Worker(String name, WorkerTask task) {
        this.name = name;
        this.task = task;
    }

    public String name() {
        return name;
    }

    /** Called by the task every round: proves progress. */
    public void beat() {
        lastBeatNanos = System.nanoTime();
    }

    public boolean stopping() {
        return stopping || Thread.currentThread().isInterrupted();
    }

    public int restarts() {
        return restarts.get();
    }

    public boolean alive() {
        Thread current = thread;
        return current != null && current.isAlive();
    }

    public Duration sinceLastBeat() {
        return Duration.ofNanos(System.nanoTime() - lastBeatNanos);
    }

    public String lastFailure() {
        return lastFailure;
    }

    synchronized void start() {
        if (stopping || alive()) {
            return;
        }
        beat();
        startedAtNanos = System.nanoTime();
        Thread next = new Thread(this::runOnce, "privacy-events-" + name);
        next.setDaemon(true);
        thread = next;
        next.start();
    }

    private void runOnce() {
        try {
            task.run(this);
            if (!stopping) {
                lastFailure = "the task returned while it should run";
                LOG.errorf("Worker %s returned while it should run; it will be restarted", name);
            }
        } catch (Throwable t) { // NOSONAR: Errors too, the point is to survive an OutOfMemoryError in one request
            lastFailure = t.getClass().getName() + ": " + t.getMessage();
            if (!stopping) {
                LOG.errorf(t, "Worker %s died; it will be restarted", name);
            }
        }
    }

    /** The supervisor's tick: schedules or performs a restart of a dead worker; true when it restarted now. */
    synchronized boolean restartIfDead(Duration initialBackoff, Duration maxBackoff) {
        if (stopping || alive()) {
            if (alive() && System.nanoTime() - startedAtNanos > maxBackoff.multipliedBy(2).toNanos()) {
                backoff = null; // up for a while: the next death starts from the initial backoff again
            }
            return false;
        }
        long now = System.nanoTime();
        if (restartAtNanos == 0) {
            backoff = backoff == null ? initialBackoff : min(backoff.multipliedBy(2), maxBackoff);
            restartAtNanos = now + backoff.toNanos();
            return false;
        }
        if (now - restartAtNanos < 0) {
            return false;
        }
        restartAtNanos = 0;
        restarts.incrementAndGet();
        LOG.infof("Restarting worker %s (restart %d, after %s)", name, restarts.get(), backoff);
        start();
        return true;
    }

    /** Asks the task to stop, interrupts it through {@code wakeup} and waits for its thread. */
    void stop(Runnable wakeup, Duration timeout) {
        stopping = true;
        wakeup.run();
        Thread current = thread;
        if (current != null) {
            try {
                current.join(timeout.toMillis());
                if (current.isAlive()) {
                    current.interrupt();
                    current.join(TimeUnit.SECONDS.toMillis(2));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
