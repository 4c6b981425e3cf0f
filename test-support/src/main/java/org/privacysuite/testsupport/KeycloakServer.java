package org.privacysuite.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A real Keycloak with the project's realm import ({@code infra/keycloak/realm-privacy.json}), for tests that need the
 * identity provider itself. One instance serves every test class of the run: an already running one at
 * {@code KEYCLOAK_URL} (default http://127.0.0.1:8180) is reused, otherwise {@code infra/keycloak.sh} starts one and
 * the JVM's shutdown stops it.
 */
public class KeycloakServer implements QuarkusTestResourceLifecycleManager {

    public static final String REALM = "privacy";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static boolean startedByUs;

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.oidc.auth-server-url", ensureRunning() + "/realms/" + REALM);
    }

    public static String baseUrl() {
        return Infra.env("KEYCLOAK_URL", "http://127.0.0.1:8180");
    }

    public static synchronized String ensureRunning() {
        if (!realmAnswers()) {
            String output = Infra.run("keycloak.sh", 900, "start");
            if (Infra.launched(output) && !startedByUs) {
                startedByUs = true;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> Infra.run("keycloak.sh", 60, "stop")));
            }
        }
        return baseUrl();
    }

    private static boolean realmAnswers() {
        try {
            HttpRequest request = HttpRequest.newBuilder(
                    URI.create(baseUrl() + "/realms/" + REALM + "/.well-known/openid-configuration"))
                    .timeout(Duration.ofSeconds(5)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** An access token of a realm user through the password grant of the demo realm's public client. */
    public static String passwordToken(String username, String password) {
        return token(Map.of("grant_type", "password", "client_id", "privacy-web", "username", username,
                "password", password, "scope", "openid"));
    }

    /** An access token of a confidential client's service account. */
    public static String clientToken(String clientId, String secret) {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    /** An access token of Keycloak's own administrator (master realm), for tests that set up or inspect the realm. */
    public static String adminToken() {
        Map<String, String> form = Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", Infra.env("KEYCLOAK_ADMIN", "admin"),
                "password", Infra.env("KEYCLOAK_ADMIN_PASSWORD", "admin"));
        return token(form, baseUrl() + "/realms/master/protocol/openid-connect/token");
    }

    private static String token(Map<String, String> form) {
        return token(form, baseUrl() + "/realms/" + REALM + "/protocol/openid-connect/token");
    }

    private static String token(Map<String, String> form, String endpoint) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused the token request: " + response.statusCode() + " "
                        + response.body());
            }
            JsonNode json = JSON.readTree(response.body());
            return json.get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak token request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        // Shared by all test classes of the run; the shutdown hook stops a Keycloak we started.
    }
}
