package org.privacysuite.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * Business writes against the app, from several threads: each thread posts for subjects of the scenario, to the
 * writer(s) given, and remembers the event id of every 2xx answer (the events that must arrive) and its latency.
 */
final class Load implements AutoCloseable {

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
    Load(int threadCount, IntFunction<AppProcess> target, List<String> subjects, int limit, long pauseMillis) {
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
    Write write(AppProcess writer, String subject, boolean granted) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = AppProcess.HTTP.send(HttpRequest.newBuilder(
                    URI.create(writer.url() + "/writes/" + subject + "?granted=" + granted))
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                Write write = new Write(subject, response.body().trim(), start, System.nanoTime() - start);
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

    long countStarted(long fromNanos, long toNanos) {
        return answered().stream().filter(w -> w.startedNanos() >= fromNanos && w.startedNanos() < toNanos).count();
    }
}
