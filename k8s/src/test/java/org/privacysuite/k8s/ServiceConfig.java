package org.privacysuite.k8s;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a service module reads from its environment: the properties of its application.properties and of the
 * META-INF/microprofile-config.properties of the suite libraries it depends on, directly or not (service-commons,
 * privacy-events, consent-client, ...), and the {@code ${NAME}} / {@code ${NAME:default}} references in their values.
 */
record ServiceConfig(String module, Map<String, String> properties, Map<String, Optional<String>> envRefs,
        List<Path> files) {

    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");
    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern ARTIFACT = Pattern.compile("<artifactId>\\s*([^<\\s]+)\\s*</artifactId>");
    private static final String LIBRARY_CONFIG = "src/main/resources/META-INF/microprofile-config.properties";

    static ServiceConfig of(String module) {
        Path root = RenderedManifests.REPO_ROOT;
        List<Path> files = new ArrayList<>();
        for (String library : suiteLibraries(module, new LinkedHashSet<>())) {
            Path config = root.resolve(library).resolve(LIBRARY_CONFIG);
            if (Files.isRegularFile(config)) {
                files.add(config);
            }
        }
        // application.properties last: it overrides the libraries' defaults, as in Quarkus.
        files.add(root.resolve(module).resolve("src/main/resources/application.properties"));

        Map<String, String> properties = new LinkedHashMap<>();
        Map<String, Optional<String>> envRefs = new LinkedHashMap<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            Properties loaded = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                loaded.load(reader);
            } catch (IOException e) {
                fail("Cannot read " + file + ": " + e.getMessage());
            }
            for (String key : loaded.stringPropertyNames()) {
                String value = loaded.getProperty(key);
                properties.put(key, value);
                Matcher m = ENV_REF.matcher(value);
                while (m.find()) {
                    Optional<String> fallback = Optional.ofNullable(m.group(2));
                    // Referenced anywhere without a default means it is required.
                    envRefs.merge(m.group(1), fallback, (a, b) -> a.isEmpty() || b.isEmpty() ? Optional.empty() : a);
                }
            }
        }
        return new ServiceConfig(module, properties, envRefs, files);
    }

    /**
     * Environment-variable names of the properties the files define (gateway.rate-limit.per-ip.burst ->
     * GATEWAY_RATE_LIMIT_PER_IP_BURST), as SmallRye Config maps them; profile-specific keys (%test.) excluded.
     */
    Set<String> envFormsOfProperties() {
        return properties.keySet().stream().filter(key -> !key.startsWith("%"))
                .map(key -> key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }

    /**
     * The suite's modules a module depends on at run time, transitively (dependencies first): a dependency is a suite
     * library when a directory of that name with a pom.xml exists at the repository root. Test scope is skipped.
     */
    private static Set<String> suiteLibraries(String module, Set<String> found) {
        String pom = read(RenderedManifests.REPO_ROOT.resolve(module).resolve("pom.xml"));
        Matcher dependency = DEPENDENCY.matcher(pom);
        while (dependency.find()) {
            String block = dependency.group(1);
            Matcher artifact = ARTIFACT.matcher(block);
            if (block.contains("<scope>test</scope>") || !artifact.find()) {
                continue;
            }
            String library = artifact.group(1);
            if (!found.contains(library) && Files.isRegularFile(RenderedManifests.REPO_ROOT.resolve(library).resolve("pom.xml"))) {
                suiteLibraries(library, found);
                found.add(library);
            }
        }
        return found;
    }

    /** Whether the service has configuration under a prefix such as "kafka." or "privacy.". */
    boolean hasPropertiesUnder(String prefix) {
        return properties.keySet().stream().anyMatch(key -> key.startsWith(prefix));
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return fail("Cannot read " + file + ": " + e.getMessage());
        }
    }
}
