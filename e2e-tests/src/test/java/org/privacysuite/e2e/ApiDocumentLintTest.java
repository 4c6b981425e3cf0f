package org.privacysuite.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The API documents frontend teams get: the gateway's merged /openapi.json and every service's own /q/openapi pass
 * Spectral's OpenAPI ruleset (the repository's .spectral.yaml) with no error and no warning; the merged one describes
 * every service, and each of its operations has a summary, a description, a tag and a security requirement that
 * the gateway really enforces.
 */
class ApiDocumentLintTest extends Journey {

    /** Spectral 6 from the npm registry; .ci/run installs node and npm from the distribution when missing. */
    private static final List<String> SPECTRAL = List.of("npx", "--yes", "@stoplight/spectral-cli@6");
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");
    private static final String SOME_ID = "00000000-0000-4000-8000-000000000000";

    @Test
    void everyDocumentPassesSpectralWithoutErrorsOrWarnings() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "api-documents"));
        List<Path> documents = new ArrayList<>();
        documents.add(write(dir.resolve("merged.json"), gateway().when().get("/openapi.json")
                .then().statusCode(200).extract().asString()));
        List<String> processes = new ArrayList<>(SuiteUnderTest.SERVICES);
        processes.add("gateway");
        for (String process : processes) {
            documents.add(write(dir.resolve(process + ".json"), given().baseUri(suite.url(process))
                    .when().get("/q/openapi?format=json").then().statusCode(200).extract().asString()));
        }

        List<String> command = new ArrayList<>(SPECTRAL);
        command.addAll(List.of("lint", "--format", "json", "--output", dir.resolve("spectral.json").toString(),
                "--ruleset", SuiteUnderTest.repositoryRoot().resolve(".spectral.yaml").toString()));
        documents.forEach(document -> command.add(document.toString()));
        Process spectral = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("spectral.log").toFile()).start();
        assertTrue(spectral.waitFor(5, TimeUnit.MINUTES), "spectral finished");
        Path report = dir.resolve("spectral.json");
        assertTrue(Files.isRegularFile(report), "spectral wrote its report: " + Files.readString(dir.resolve("spectral.log")));

        List<String> findings = new ArrayList<>();
        for (Map<String, Object> result : JsonPath.from(report.toFile()).<Map<String, Object>>getList("")) {
            int severity = (Integer) result.get("severity"); // 0 error, 1 warning, 2 information, 3 hint
            if (severity <= 1) {
                findings.add((severity == 0 ? "error " : "warning ") + result.get("code") + " in "
                        + Path.of((String) result.get("source")).getFileName() + " at " + result.get("path") + ": "
                        + result.get("message"));
            }
        }
        assertEquals(List.of(), findings, "Spectral (spectral:oas) on " + documents.size() + " documents");
    }

    @Test
    void theMergedDocumentDescribesEveryServiceAndEveryOperationFully() {
        JsonPath document = gateway().when().get("/openapi.json").then().statusCode(200).extract().jsonPath();
        assertNull(document.get("x-unavailable-services"), "every service answered");
        Map<String, Map<String, Object>> paths = document.getMap("paths");
        for (String prefix : List.of("/api/consent/", "/.well-known/gpc.json", "/api/accounts", "/api/privacy-requests",
                "/v1/", "/api/newsletter/", "/openapi.json")) {
            assertTrue(paths.keySet().stream().anyMatch(path -> path.startsWith(prefix)), "a path under " + prefix);
        }
        assertTrue(paths.keySet().stream().noneMatch(path -> path.startsWith("/q/")), "no management endpoints");
        List<String> incomplete = new ArrayList<>();
        paths.forEach((path, item) -> item.forEach((method, value) -> {
            if (!METHODS.contains(method)) {
                return;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> operation = (Map<String, Object>) value;
            for (String field : List.of("summary", "description", "tags", "security")) {
                Object present = operation.get(field);
                if (present == null || present instanceof String text && text.isBlank()
                        || "tags".equals(field) && ((List<?>) present).isEmpty()) {
                    incomplete.add(method.toUpperCase() + " " + path + " has no " + field);
                }
            }
        }));
        assertEquals(List.of(), incomplete);
    }

    /** An operation documented as needing the realm's token is refused without one, by the gateway already. */
    @Test
    void operationsDocumentedAsNeedingATokenAreRefusedWithoutOne() {
        JsonPath document = gateway().when().get("/openapi.json").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = document.getMap("paths");
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (var path : paths.entrySet()) {
            for (var operation : path.getValue().entrySet()) {
                if (!METHODS.contains(operation.getKey()) || !needsRealmToken(operation.getValue())) {
                    continue;
                }
                checked++;
                String concrete = path.getKey().replaceAll("\\{[^}]+}", SOME_ID);
                int status = gateway().when().request(operation.getKey().toUpperCase(), concrete).statusCode();
                if (status != 401) {
                    wrong.add(operation.getKey().toUpperCase() + " " + path.getKey() + " answered " + status);
                }
            }
        }
        assertTrue(checked > 20, "the document has the protected operations: " + checked);
        assertEquals(List.of(), wrong, "documented as needing a token, but not refused without one");
    }

    @SuppressWarnings("unchecked")
    private static boolean needsRealmToken(Map<String, Object> operation) {
        List<Map<String, Object>> security = (List<Map<String, Object>>) operation.get("security");
        return security != null && security.stream().anyMatch(requirement -> requirement.containsKey("oidc"));
    }

    private static Path write(Path file, String content) throws IOException {
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
