package org.privacysuite.k8s;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacysuite.k8s.Manifests.check;
import static org.privacysuite.k8s.Manifests.id;
import static org.privacysuite.k8s.Manifests.podSpec;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Secrets are referenced by name only and every reference resolves: to a Secret the overlay renders (local only,
 * with obviously local values), an ExternalSecret's target (production), or a Secret an operator writes (Strimzi's
 * KafkaUser and cluster CA Secrets, cert-manager's certificates). No secret value is in the base or production.
 */
class SecretsTest {

    private record Reference(String where, String secret, String key) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.privacysuite.k8s.RenderedManifests#overlays")
    void everySecretReferenceNamesASecretAndKeyThatWillExist(String overlay) {
        Manifests m = RenderedManifests.render(overlay);
        List<Reference> references = new ArrayList<>();
        for (JsonNode workload : m.workloads()) {
            for (JsonNode container : podSpec(workload).path("containers")) {
                for (JsonNode var : container.path("env")) {
                    JsonNode ref = var.path("valueFrom").path("secretKeyRef");
                    if (!ref.isMissingNode()) {
                        references.add(new Reference(id(workload) + " env " + var.path("name").asText(),
                                ref.path("name").asText(), ref.path("key").asText()));
                    }
                }
            }
            for (JsonNode volume : podSpec(workload).path("volumes")) {
                JsonNode secret = volume.path("secret");
                if (!secret.isMissingNode()) {
                    references.add(new Reference(id(workload) + " volume " + volume.path("name").asText(), secret.path("secretName").asText(), null));
                    secret.path("items").forEach(item -> references.add(new Reference(id(workload) + " volume "
                            + volume.path("name").asText(), secret.path("secretName").asText(), item.path("key").asText())));
                }
            }
        }
        for (JsonNode keycloak : m.ofKind("Keycloak")) {
            for (String field : List.of("usernameSecret", "passwordSecret")) {
                JsonNode ref = keycloak.path("spec").path("db").path(field);
                references.add(new Reference(id(keycloak) + " db." + field, ref.path("name").asText(), ref.path("key").asText()));
            }
        }
        for (JsonNode realmImport : m.ofKind("KeycloakRealmImport")) {
            realmImport.path("spec").path("placeholders").fields().forEachRemaining(p -> references.add(new Reference(
                    id(realmImport) + " placeholder " + p.getKey(), p.getValue().path("secret").path("name").asText(),
                    p.getValue().path("secret").path("key").asText())));
        }
        for (JsonNode ingress : m.ofKind("Ingress")) {
            boolean certManager = ingress.path("metadata").path("annotations").has("cert-manager.io/cluster-issuer")
                    || ingress.path("metadata").path("annotations").has("cert-manager.io/issuer");
            for (JsonNode tls : ingress.path("spec").path("tls")) {
                if (!certManager) {
                    references.add(new Reference(id(ingress) + " tls", tls.path("secretName").asText(), "tls.crt"));
                }
            }
        }

        Set<String> provided = m.providedSecrets();
        List<String> problems = new ArrayList<>();
        for (Reference ref : references) {
            if (!provided.contains(ref.secret())) {
                problems.add(ref.where() + ": Secret " + ref.secret() + " is neither rendered, an ExternalSecret target, "
                        + "nor written by an operator");
                continue;
            }
            Set<String> keys = m.secretKeys(ref.secret());
            check(ref.key() == null || keys == null || keys.contains(ref.key()),
                    ref.where() + ": Secret " + ref.secret() + " will have no key " + ref.key() + " (it has " + keys + ")", problems);
        }
        m.assertNoProblems("Secret references", problems);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.privacysuite.k8s.RenderedManifests#overlays")
    void onlyTheLocalOverlayRendersSecretsAndOnlyWithLocalValues(String overlay) {
        Manifests m = RenderedManifests.render(overlay);
        List<String> problems = new ArrayList<>();
        for (JsonNode secret : m.ofKind("Secret")) {
            if (!overlay.equals("local")) {
                problems.add(id(secret) + ": a Secret with values in git; use an ExternalSecret");
                continue;
            }
            secret.path("data").fields().forEachRemaining(e -> {
                String value = new String(Base64.getDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8);
                // Passwords say they are local-only; user names are not secret.
                check(e.getKey().equals("username") || value.startsWith("local-"),
                        id(secret) + ": key " + e.getKey() + " is not an obviously local-only value (local-...)", problems);
            });
        }
        m.assertNoProblems("secret values", problems);
    }

    @Test
    void baseAndProductionFilesDefineNoSecretValues() throws IOException {
        Pattern secretKind = Pattern.compile("(?m)^kind:\\s*Secret\\s*$|secretGenerator:|stringData:");
        List<String> offenders = new ArrayList<>();
        for (Path dir : List.of(RenderedManifests.K8S_DIR.resolve("base"), RenderedManifests.OVERLAYS.resolve("production"))) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    if (secretKind.matcher(Files.readString(file)).find()) {
                        offenders.add(RenderedManifests.K8S_DIR.relativize(file).toString());
                    }
                }
            }
        }
        assertTrue(offenders.isEmpty(), "Secret values belong in the secret manager (ExternalSecret), not in " + offenders);
    }
}
