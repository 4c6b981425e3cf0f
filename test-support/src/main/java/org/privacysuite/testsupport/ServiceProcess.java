package org.privacysuite.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged Quarkus application ({@code quarkus-run.jar}) run as its own process, as the end-to-end and the
 * fault-injection tests run the suite: started with its environment and {@code HTTP_PORT}, ready when
 * {@code /q/health/ready} answers 200, stopped (or killed -9) by its own pid, its output appended to a log file.
 */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final Path jar;
    private final Path log;
    private final int port;
    private final Map<String, String> env;
    private final List<String> jvmOptions;
    private Process process;

    /**
     * @param jvmOptions options before {@code -jar}, e.g. the heap size
     */
    public ServiceProcess(String name, Path jar, Path log, int port, Map<String, String> env, List<String> jvmOptions) {
        this.name = name;
        this.jar = jar;
        this.log = log;
        this.port = port;
        this.env = Map.copyOf(env);
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** A module of this repository as packaged by the reactor ({@code <module>/target/quarkus-app}), 256 MB heap. */
    public static ServiceProcess packaged(String module, Path repository, Path logDir, int port, Map<String, String> env) {
        return new ServiceProcess(module, repository.resolve(module).resolve("target/quarkus-app/quarkus-run.jar"),
                logDir.resolve(module + ".log"), port, env, List.of("-Xmx256m"));
    }

    /** The repository's root: the first directory above the working directory that holds infra/kafka.sh. */
    public static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("infra/kafka.sh"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("Cannot find the repository root above " + System.getProperty("user.dir"));
        }
        return dir;
    }

    public String name() {
        return name;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    /** Starts the process without waiting (several start in parallel; then {@link #awaitReady(Duration)}). */
    public void start() {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw package)");
        }
        try {
            Files.createDirectories(log.getParent());
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-jar");
            command.add(jar.toString());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            builder.environment().put("HTTP_PORT", Integer.toString(port));
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code /q/health/ready} answers 200; fails with the log's tail otherwise. */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up:\n" + tail());
            }
            if (ready()) {
                return;
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + ":\n" + tail());
    }

    public boolean ready() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Orderly stop (SIGTERM, shutdown hooks run), forced after 20 s. */
    public void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL: no shutdown hook, no orderly close, as the kernel's OOM killer or the loss of a node. */
    public void kill9() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** The last 40 lines of the log. */
    public String tail() {
        return tail(log);
    }

    /** The last 40 lines of a log file. */
    public static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
