package org.privacysuite.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the project's own launchers in {@code infra/} so that tests use exactly the infrastructure {@code ./suite up}
 * uses. State of launchers started by tests goes to {@code target/test-infra} of the repository, apart from a
 * developer's {@code .run}.
 */
final class Infra {

    private Infra() {
    }

    static Path repositoryRoot() {
        String configured = System.getenv("PRIVACY_SUITE_HOME");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("infra/kafka.sh"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("Cannot find the privacy-suite checkout (infra/kafka.sh) above "
                + System.getProperty("user.dir") + "; set PRIVACY_SUITE_HOME");
    }

    /**
     * Runs {@code infra/<script> <args>} and fails with its output if it does not succeed within the timeout;
     * returns that output.
     */
    static String run(String script, long timeoutSeconds, String... args) {
        return run(script, timeoutSeconds, Map.of(), args);
    }

    static String run(String script, long timeoutSeconds, Map<String, String> env, String... args) {
        Path root = repositoryRoot();
        List<String> command = new ArrayList<>();
        command.add("bash");
        command.add(root.resolve("infra").resolve(script).toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().putIfAbsent("PRIVACY_SUITE_RUN_DIR", root.resolve("target/test-infra").toString());
        builder.environment().putAll(env);
        try {
            Path output = Files.createTempFile("privacy-suite-infra", ".log");
            builder.redirectOutput(output.toFile());
            Process process = builder.start();
            boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            String log = Files.readString(output, StandardCharsets.UTF_8);
            Files.deleteIfExists(output);
            if (!finished) {
                process.destroy();
                throw new IllegalStateException("infra/" + script + " " + String.join(" ", args) + " timed out:\n" + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("infra/" + script + " " + String.join(" ", args) + " failed:\n" + log);
            }
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether a launcher's {@code start} output says it launched the process itself, rather than finding one running
     * or starting (another test JVM's, or the one CI starts before the build). Only a JVM that launched a process
     * stops it when it ends.
     */
    static boolean launched(String startOutput) {
        return startOutput.contains("started pid") || startOutput.contains("started process group");
    }

    static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
