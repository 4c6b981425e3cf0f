package org.privacysuite.k8s;

import static org.privacysuite.k8s.Manifests.check;
import static org.privacysuite.k8s.Manifests.name;
import static org.privacysuite.k8s.Manifests.podSpec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The configuration the manifests give each service is the configuration the service reads: every variable set on
 * a Deployment is referenced by the service's config files (or sets a property of it by its environment-variable
 * form), every variable it needs is set, and the addresses in them point at objects the overlay creates.
 */
class ConfigKeysTest {

    /**
     * Environment-variable forms of property prefixes (QUARKUS_HTTP_PORT sets quarkus.http.port; KAFKA_* feeds the
     * kafka.* client properties); each counts only for a service that has configuration under that prefix.
     */
    private static final Map<String, String> PROPERTY_PREFIXES =
            Map.of("QUARKUS_", "quarkus.", "PRIVACY_", "privacy.", "KAFKA_", "kafka.");

    /**
     * Variables set before the services read them, so that wiring them in does not break this build. Add an entry
     * only for that; remove it when its service reads the variable and the check below takes over.
     */
    private static final Map<String, Set<String>> NOT_YET_READ = Map.of();

    /**
     * Read with defaults that suit only a developer machine (127.0.0.1 addresses, root without a password, trusting
     * only a local proxy): a cluster must always set them, although the service would start without.
     */
    private static final Set<String> REQUIRED_IN_CLUSTER = Set.of("HTTP_PORT", "DB_URL", "DB_USERNAME", "DB_PASSWORD",
            "KAFKA_BOOTSTRAP_SERVERS", "OIDC_AUTH_SERVER_URL", "TRUSTED_PROXIES");

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.privacysuite.k8s.RenderedManifests#overlays")
    void everyVariableSetOnAServiceIsOneItReads(String overlay) {
        Manifests m = RenderedManifests.render(overlay);
        List<String> problems = new ArrayList<>();
        for (String service : Manifests.SERVICES) {
            ServiceConfig config = ServiceConfig.of(service);
            for (String variable : m.env(m.serviceContainer(service)).keySet()) {
                boolean referenced = config.envRefs().containsKey(variable) || config.envFormsOfProperties().contains(variable);
                boolean propertyForm = PROPERTY_PREFIXES.entrySet().stream()
                        .anyMatch(p -> variable.startsWith(p.getKey()) && config.hasPropertiesUnder(p.getValue()));
                boolean pending = NOT_YET_READ.getOrDefault(service, Set.of()).contains(variable);
                check(referenced || propertyForm || pending, service + ": " + variable + " is set but not read: no ${"
                        + variable + "} in " + config.files() + ", not the environment form of a property there, and not a "
                        + String.join("/", PROPERTY_PREFIXES.keySet()) + " property form of configuration this service has", problems);
            }
        }
        m.assertNoProblems("variables the services read", problems);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.privacysuite.k8s.RenderedManifests#overlays")
    void everyVariableAServiceNeedsIsSet(String overlay) {
        Manifests m = RenderedManifests.render(overlay);
        List<String> problems = new ArrayList<>();
        for (String service : Manifests.SERVICES) {
            ServiceConfig config = ServiceConfig.of(service);
            Map<String, Manifests.EnvVar> env = m.env(m.serviceContainer(service));
            config.envRefs().forEach((variable, fallback) -> {
                if (fallback.isEmpty()) {
                    check(env.containsKey(variable), service + ": reads ${" + variable + "} without a default, not set", problems);
                } else if (REQUIRED_IN_CLUSTER.contains(variable)) {
                    check(env.containsKey(variable), service + ": " + variable + " not set (its default '"
                            + fallback.get() + "' only suits a developer machine)", problems);
                }
            });
        }
        m.assertNoProblems("variables the services need", problems);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.privacysuite.k8s.RenderedManifests#overlays")
    void addressesPointAtObjectsOfTheOverlay(String overlay) {
        Manifests m = RenderedManifests.render(overlay);
        Map<String, Map<String, Integer>> services = m.services();
        List<String> problems = new ArrayList<>();
        for (String service : Manifests.SERVICES) {
            Map<String, Manifests.EnvVar> env = m.env(m.serviceContainer(service));

            String port = value(env, "HTTP_PORT");
            boolean containerPort = false;
            for (JsonNode p : m.serviceContainer(service).path("ports")) {
                containerPort |= p.path("name").asText().equals("http") && p.path("containerPort").asText().equals(port);
            }
            check(containerPort, service + ": HTTP_PORT " + port + " is not its container port named http", problems);
            check(String.valueOf(services.getOrDefault(service, Map.of()).get("http")).equals(port),
                    service + ": Service port http differs from HTTP_PORT " + port, problems);

            if (env.containsKey("DB_URL")) {
                database(m, service, env, services, problems);
            }
            String oidc = value(env, "OIDC_AUTH_SERVER_URL");
            Matcher url = Pattern.compile("https?://([^:/]+):(\\d+)/realms/([^/]+)/?").matcher(oidc);
            boolean keycloak = url.matches() && m.ofKind("Keycloak").stream().anyMatch(k -> url.group(1).equals(name(k) + "-service"))
                    && services.getOrDefault(url.group(1), Map.of()).containsValue(Integer.parseInt(url.group(2)))
                    && m.ofKind("KeycloakRealmImport").stream().anyMatch(r -> url.group(3).equals(r.path("spec").path("realm").path("realm").asText()));
            check(keycloak, service + ": OIDC_AUTH_SERVER_URL " + oidc + " is not a realm of the overlay's Keycloak Service", problems);

            for (String target : Manifests.SERVICES) {
                String variable = target.replace("-service", "").toUpperCase() + "_SERVICE_URL";
                if (!env.containsKey(variable)) {
                    continue;
                }
                Matcher u = Pattern.compile("http://([^:/]+):(\\d+)/?").matcher(value(env, variable));
                check(u.matches() && u.group(1).equals(target) && services.getOrDefault(target, Map.of()).containsValue(Integer.parseInt(u.group(2))),
                        service + ": " + variable + " " + value(env, variable) + " is not the Service " + target, problems);
            }
        }
        m.assertNoProblems("addresses in the configuration", problems);
    }

    /** DB_URL names the MySQL Service and a database the init script creates, with the credentials it creates. */
    private static void database(Manifests m, String service, Map<String, Manifests.EnvVar> env,
            Map<String, Map<String, Integer>> services, List<String> problems) {
        String dbUrl = value(env, "DB_URL");
        Matcher url = Pattern.compile("jdbc:mysql://([^:/]+)(?::(\\d+))?/(\\w+)(\\?.*)?").matcher(dbUrl);
        if (!url.matches()) {
            problems.add(service + ": DB_URL " + dbUrl + " is not jdbc:mysql://host[:port]/database");
            return;
        }
        int port = url.group(2) == null ? 3306 : Integer.parseInt(url.group(2));
        check(services.getOrDefault(url.group(1), Map.of()).containsValue(port),
                service + ": DB_URL " + dbUrl + " names no Service port of the overlay", problems);
        StringBuilder script = new StringBuilder();
        m.ofKind("ConfigMap").stream().filter(c -> name(c).startsWith("mysql-initdb"))
                .forEach(c -> c.path("data").elements().forEachRemaining(file -> script.append(file.asText())));
        Matcher create = Pattern.compile("privacy_create_database " + url.group(3) + " \"\\$(\\w+)\" \"\\$(\\w+)\"")
                .matcher(script);
        if (!create.find()) {
            problems.add(service + ": the MySQL init script does not create database " + url.group(3));
            return;
        }
        Map<String, Manifests.EnvVar> mysqlEnv = m.env(m.databaseCreator());
        for (String[] pair : new String[][] {{"DB_USERNAME", create.group(1)}, {"DB_PASSWORD", create.group(2)}}) {
            Optional<Manifests.EnvVar> ours = Optional.ofNullable(env.get(pair[0]));
            Optional<Manifests.EnvVar> theirs = Optional.ofNullable(mysqlEnv.get(pair[1]));
            check(ours.isPresent() && theirs.isPresent() && ours.get().fromSecret()
                            && ours.get().secretName().equals(theirs.get().secretName()) && ours.get().secretKey().equals(theirs.get().secretKey()),
                    service + ": " + pair[0] + " does not come from the Secret key MySQL creates the user with (" + pair[1] + ")", problems);
        }
    }

    private static String value(Map<String, Manifests.EnvVar> env, String name) {
        Manifests.EnvVar var = env.get(name);
        return var == null || var.value() == null ? "" : var.value();
    }
}
