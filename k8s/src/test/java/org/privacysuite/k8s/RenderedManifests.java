package org.privacysuite.k8s;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Renders the kustomize overlays offline with {@code kubectl kustomize} (what users apply) and parses the result.
 * Each overlay is rendered once per test run. kubectl is required: without it the build fails rather than skipping
 * the checks, since a skipped manifest test would let broken manifests through.
 */
final class RenderedManifests {

    /** The k8s/ directory of the repository (surefire's basedir for this module). */
    static final Path K8S_DIR = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    static final Path REPO_ROOT = K8S_DIR.getParent();
    static final Path OVERLAYS = K8S_DIR.resolve("overlays");

    private static final String KUBECTL = System.getProperty("kubectl", System.getenv().getOrDefault("KUBECTL", "kubectl"));
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, Manifests> CACHE = new ConcurrentHashMap<>();

    private RenderedManifests() {
    }

    /** Every overlay directory (one with a kustomization.yaml), the source of the parameterized tests. */
    static Stream<String> overlays() {
        try (Stream<Path> dirs = Files.list(OVERLAYS)) {
            List<String> names = dirs.filter(dir -> Files.isRegularFile(dir.resolve("kustomization.yaml")))
                    .map(dir -> dir.getFileName().toString())
                    .sorted()
                    .toList();
            if (!names.containsAll(List.of("local", "production"))) {
                fail("Expected the overlays local and production under " + OVERLAYS + ", found " + names);
            }
            return names.stream();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + OVERLAYS, e);
        }
    }

    static Manifests render(String overlay) {
        return CACHE.computeIfAbsent(overlay, RenderedManifests::kustomize);
    }

    private static Manifests kustomize(String overlay) {
        Path dir = OVERLAYS.resolve(overlay);
        String yaml = run(List.of(KUBECTL, "kustomize", dir.toString()));
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    objects.add(doc);
                }
            }
        } catch (IOException e) {
            fail("kubectl kustomize " + dir + " printed YAML that does not parse: " + e.getMessage());
        }
        if (objects.isEmpty()) {
            fail("kubectl kustomize " + dir + " rendered no objects");
        }
        return new Manifests(overlay, objects);
    }

    private static String run(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(K8S_DIR.toFile()).start();
        } catch (IOException e) {
            return fail("Cannot run '" + command.get(0) + "' (" + e.getMessage() + "). The manifest tests render the "
                    + "kustomize overlays with kubectl: install kubectl 1.27+ (kustomize 5) on the PATH, or point "
                    + "-Dkubectl=/path/to/kubectl or KUBECTL at it.");
        }
        try {
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String stdout = read(process.getInputStream());
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail(String.join(" ", command) + " did not finish within 120 s");
            }
            if (process.exitValue() != 0) {
                return fail(String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n"
                        + stderr.join());
            }
            return stdout;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("Interrupted while running " + String.join(" ", command));
        }
    }

    private static String read(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
