package org.privacysuite.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One process of the lab's app (fault-tests' own packaged Quarkus app): a writer, a reader, or both. */
final class AppProcess {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Map<String, String> env;
    private final Path log;
    private Process process;

    AppProcess(String name, int port, Map<String, String> env) {
        this.name = name;
        this.port = port;
        this.env = new HashMap<>(env);
        this.env.put("HTTP_PORT", Integer.toString(port));
        this.log = Processes.workDir().resolve("logs/" + name + ".log");
    }

    String name() {
        return name;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the process and waits until it is ready (database, broker and its worker threads). */
    AppProcess start() {
        return launch().awaitReady();
    }

    /** Starts the process without waiting (several start in parallel; then {@link #awaitReady()}). */
    AppProcess launch() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = System.getProperty("fault.app.jar", "target/quarkus-app/quarkus-run.jar");
        process = Processes.start(List.of(java, "-Xmx160m", "-XX:TieredStopAtLevel=1", "-jar", jar), env, log);
        return this;
    }

    AppProcess awaitReady() {
        Processes.await(name + " ready", Duration.ofSeconds(180), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited:\n" + Processes.tail(log));
            }
            return status("/q/health/ready") == 200;
        });
        return this;
    }

    void kill9() {
        Processes.kill9(process.pid());
    }

    void stop() {
        Processes.stop(process);
    }

    /** Duplicates the inbox skipped so far (privacy_events_consumer_processed_total, outcome="duplicate"). */
    long duplicatesSkipped() {
        try {
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/metrics"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            return (long) metrics.lines()
                    .filter(l -> l.startsWith("privacy_events_consumer_processed_total{") && l.contains("outcome=\"duplicate\""))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(5)).GET()
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
