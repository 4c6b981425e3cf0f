package org.privacysuite.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.privacysuite.testsupport.ServiceProcess;

/**
 * One process of the lab: fault-tests' own packaged app (a writer, a reader, or both) or a packaged service of the
 * suite, launched by test-support's {@link ServiceProcess}.
 */
final class AppProcess implements Load.Target {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration START_UP = Duration.ofSeconds(180);

    private final ServiceProcess process;

    private AppProcess(ServiceProcess process) {
        this.process = process;
    }

    /** The lab's app: small heap and C1 only, five of them share two cores. */
    AppProcess(String name, int port, Map<String, String> env) {
        this(new ServiceProcess(name, Path.of(System.getProperty("fault.app.jar", "target/quarkus-app/quarkus-run.jar")),
                Processes.workDir().resolve("logs/" + name + ".log"), port, env,
                List.of("-Xmx160m", "-XX:TieredStopAtLevel=1")));
    }

    /** A service of the suite as the reactor packaged it. */
    static AppProcess service(String module, int port, Map<String, String> env) {
        return new AppProcess(ServiceProcess.packaged(module, ServiceProcess.repositoryRoot(),
                Processes.workDir().resolve("logs"), port, env));
    }

    String name() {
        return process.name();
    }

    String url() {
        return process.url();
    }

    /** Starts the process and waits until it is ready (database, broker and its worker threads). */
    AppProcess start() {
        return launch().awaitReady();
    }

    /** Starts the process without waiting (several start in parallel; then {@link #awaitReady()}). */
    AppProcess launch() {
        process.start();
        return this;
    }

    AppProcess awaitReady() {
        process.awaitReady(START_UP);
        return this;
    }

    void kill9() {
        process.kill9();
    }

    void stop() {
        process.stop();
    }

    /** POST /writes/{subject}: the lab app writes a row and its event, and answers the event id. */
    @Override
    public String write(String subject, boolean granted) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(url() + "/writes/" + subject + "?granted=" + granted))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() / 100 == 2 ? response.body().trim() : null;
    }

    /** Duplicates the inbox skipped so far (privacy_events_consumer_processed_total, outcome="duplicate"). */
    long duplicatesSkipped() {
        return metric("privacy_events_consumer_processed_total", "outcome=\"duplicate\"");
    }

    /** A metric from /q/metrics, summed over the series whose labels contain every one of {@code labels}. */
    long metric(String name, String... labels) {
        try {
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/metrics"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            return (long) metrics.lines()
                    .filter(l -> l.startsWith(name + "{") && java.util.Arrays.stream(labels).allMatch(l::contains))
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
