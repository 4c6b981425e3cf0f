package org.privacysuite.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Business writes from several threads: each thread writes for subjects of the scenario, to the target(s) given, and
 * remembers the id of every 2xx answer (what must arrive) and its latency.
 */
final class Load implements AutoCloseable {

    /** Where writes go: the lab's app, or a service of the suite. */
    @FunctionalInterface
    interface Target {
        /** One write; the id its 2xx answer names (the lab app: the event id), null when refused. */
        String write(String subject, boolean granted) throws IOException, InterruptedException;
    }

    /** One answered write. */
    record Write(String subject, String eventId, long startedNanos, long latencyNanos) {
    }

    private final List<Write> answered = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService threads;

    /**
     * @param target the writer the i-th write of a thread goes to
     * @param subjects subjects written, each thread picking in turn
     * @param limit total answered writes after which the load stops (0: until {@link #close()})
     * @param pauseMillis pause between two writes of a thread
     */
    Load(int threadCount, IntFunction<? extends Target> target, List<String> subjects, int limit, long pauseMillis) {
        threads = Executors.newFixedThreadPool(threadCount);
        for (int t = 0; t < threadCount; t++) {
            int thread = t;
            threads.submit(() -> {
                for (int i = 0; running.get() && (limit == 0 || answered.size() < limit); i++) {
                    String subject = subjects.get((i * threadCount + thread) % subjects.size());
                    write(target.apply(i), subject, true);
                    if (pauseMillis > 0) {
                        Processes.sleep(pauseMillis);
                    }
                }
            });
        }
    }

    /** One write outside the load's threads (e.g. the withdrawal); null when refused. */
    Write write(Target target, String subject, boolean granted) {
        long start = System.nanoTime();
        try {
            String id = target.write(subject, granted);
            if (id != null) {
                Write write = new Write(subject, id, start, System.nanoTime() - start);
                answered.add(write);
                return write;
            }
        } catch (IOException e) {
            Processes.sleep(100); // the writer is down (killed on purpose): try again shortly
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        refused.incrementAndGet();
        return null;
    }

    List<Write> answered() {
        synchronized (answered) {
            return List.copyOf(answered);
        }
    }

    int refused() {
        return refused.get();
    }

    /** Waits until the load has answered its limit. */
    void awaitDone(Duration timeout) {
        threads.shutdown();
        try {
            if (!threads.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("Load did not finish within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        threads.shutdown();
        try {
            threads.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Latency percentile (0..100) in milliseconds of the writes started within [from, to). */
    double percentileMillis(long fromNanos, long toNanos, int percentile) {
        List<Long> latencies = answered().stream().filter(w -> w.startedNanos() >= fromNanos && w.startedNanos() < toNanos)
                .map(Write::latencyNanos).sorted().toList();
        if (latencies.isEmpty()) {
            return Double.NaN;
        }
        int index = Math.min(latencies.size() - 1, (int) Math.ceil(percentile / 100.0 * latencies.size()) - 1);
        return latencies.get(Math.max(0, index)) / 1_000_000.0;
    }

    /**
     * Where "normal" latency is measured: the writes started in the {@link #STEADY} before the outage, once the
     * services have warmed up (their first seconds under load, JIT and connection pools, would make normal look slow
     * and the outage look good).
     */
    static final Duration STEADY = Duration.ofSeconds(4);

    private static long steadyFrom(long outageStart) {
        return outageStart - STEADY.toNanos();
    }

    /** The figures of a broker outage: writes answered during it, refused, and latency during it against before it. */
    String outageNote(long outageStart, long outageEnd) {
        return String.format("%d writes answered 2xx during the 30 s outage, %d refused; latency p50 %.1f ms"
                + " (normal %.1f), p95 %.1f ms (normal %.1f)", countStarted(outageStart, outageEnd), refused(),
                percentileMillis(outageStart, outageEnd, 50), percentileMillis(steadyFrom(outageStart), outageStart, 50),
                percentileMillis(outageStart, outageEnd, 95), percentileMillis(steadyFrom(outageStart), outageStart, 95));
    }

    /**
     * Acceptance 3: every write answered, writes went on during the outage, and the median latency during it within
     * 2x the steady median just before it, plus 2 ms: on 2 shared cores a single-digit median moves by a millisecond on its own.
     */
    void assertUnaffectedBy(String what, long outageStart, long outageEnd) {
        String note = outageNote(outageStart, outageEnd);
        assertEquals(0, refused(), what + ": every write answered during the broker outage; " + note);
        assertTrue(countStarted(outageStart, outageEnd) > 100, what + ": writes went on during the outage; " + note);
        assertTrue(percentileMillis(outageStart, outageEnd, 50)
                <= 2 * percentileMillis(steadyFrom(outageStart), outageStart, 50) + 2,
                what + ": " + note);
    }

    long countStarted(long fromNanos, long toNanos) {
        return answered().stream().filter(w -> w.startedNanos() >= fromNanos && w.startedNanos() < toNanos).count();
    }
}
