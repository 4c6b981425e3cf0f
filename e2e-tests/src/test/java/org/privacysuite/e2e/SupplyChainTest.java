package org.privacysuite.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Supply chain of the deployables (the modules with a container image): each one, once packaged, has a CycloneDX SBOM
 * of what it ships, and its image runs as a non-root user on a base image pinned by digest. This module runs after
 * the services are packaged (its build-order dependencies), so their target/ directories are there.
 */
class SupplyChainTest {

    /** The suite's deployables; a new module with a Dockerfile joins them on its own. */
    private static final List<String> EXPECTED = List.of("consent-service", "account-service", "dsar-service",
            "newsletter-service", "gateway");
    private static final Pattern FROM = Pattern.compile("(?m)^FROM\\s+(\\S+)");
    private static final Pattern USER = Pattern.compile("(?m)^USER\\s+(\\S+)");
    private static final Pattern DIGEST = Pattern.compile("[^\\s@]+@sha256:[0-9a-f]{64}");

    @Test
    void everyDeployableHasACycloneDxSbomOfItsRuntimeDependencies() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path module : deployables()) {
            String name = module.getFileName().toString();
            Path bom = module.resolve("target/bom.json");
            if (!Files.isRegularFile(bom)) {
                problems.add(name + ": no target/bom.json after package (cyclonedx-maven-plugin, profile sbom of the root pom)");
                continue;
            }
            JsonPath json = JsonPath.from(bom.toFile());
            check("CycloneDX".equals(json.getString("bomFormat")) && json.getString("specVersion").startsWith("1."),
                    name + ": bom.json is not a CycloneDX document", problems);
            check(name.equals(json.getString("metadata.component.name")),
                    name + ": the SBOM describes " + json.getString("metadata.component.name"), problems);
            List<String> purls = json.getList("components.purl", String.class);
            check(purls.stream().anyMatch(p -> p.startsWith("pkg:maven/io.quarkus/quarkus-core@")),
                    name + ": the SBOM lacks the Quarkus runtime it ships", problems);
            check(purls.stream().noneMatch(p -> p.startsWith("pkg:maven/org.junit.jupiter/")),
                    name + ": the SBOM lists test-scope libraries that the image does not ship", problems);
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void imagesRunAsNonRootOnABaseImagePinnedByDigest() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path module : deployables()) {
            String name = module.getFileName().toString();
            String dockerfile = Files.readString(module.resolve("src/main/docker/Dockerfile.jvm"));
            Matcher from = FROM.matcher(dockerfile);
            int bases = 0;
            while (from.find()) {
                bases++;
                check(DIGEST.matcher(from.group(1)).matches(), name + ": FROM " + from.group(1) + " is not pinned by @sha256 digest", problems);
            }
            check(bases > 0, name + ": Dockerfile.jvm has no FROM", problems);
            Matcher user = USER.matcher(dockerfile);
            String last = null;
            while (user.find()) {
                last = user.group(1);
            }
            check(last != null && last.matches("[1-9][0-9]*"), name + ": the image's last USER is " + last
                    + ", not a numeric non-root uid (runAsNonRoot needs a number)", problems);
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static List<Path> deployables() throws IOException {
        Path root = SuiteUnderTest.repositoryRoot();
        List<Path> modules;
        try (Stream<Path> dirs = Files.list(root)) {
            modules = dirs.filter(d -> Files.isRegularFile(d.resolve("src/main/docker/Dockerfile.jvm"))).sorted().toList();
        }
        List<String> names = modules.stream().map(m -> m.getFileName().toString()).toList();
        assertEquals(true, names.containsAll(EXPECTED), "deployables found: " + names + ", expected at least " + EXPECTED);
        return modules;
    }

    private static void check(boolean condition, String problem, List<String> problems) {
        if (!condition) {
            problems.add(problem);
        }
    }
}
