package org.privacysuite.k8s;

import static org.privacysuite.k8s.Manifests.check;
import static org.privacysuite.k8s.Manifests.id;
import static org.privacysuite.k8s.Manifests.name;
import static org.privacysuite.k8s.Manifests.texts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Keycloak operator imports the contract's realm "privacy": roles user, privacy-officer and service; the public
 * PKCE client privacy-web and the confidential clients account-service and privacy-services. Client secrets come
 * from Secrets through placeholders. Only the local realm has the demo users and direct access grants.
 */
class KeycloakRealmTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.privacysuite.k8s.RenderedManifests#overlays")
    void theRealmHasTheContractsRolesAndClients(String overlay) {
        Manifests m = RenderedManifests.render(overlay);
        List<String> problems = new ArrayList<>();
        List<JsonNode> imports = m.ofKind("KeycloakRealmImport");
        check(m.ofKind("Keycloak").size() == 1 && imports.size() == 1, "expected one Keycloak and one KeycloakRealmImport", problems);
        for (JsonNode realmImport : imports) {
            JsonNode realm = realmImport.path("spec").path("realm");
            check(realm.path("realm").asText().equals("privacy") && realm.path("enabled").asBoolean(false),
                    id(realmImport) + ": realm is not the enabled realm 'privacy'", problems);
            Set<String> roles = new HashSet<>();
            realm.path("roles").path("realm").forEach(r -> roles.add(r.path("name").asText()));
            check(roles.containsAll(Set.of("user", "privacy-officer", "service")), id(realmImport) + ": realm roles " + roles
                    + " lack one of user, privacy-officer, service", problems);

            Map<String, JsonNode> clients = new HashMap<>();
            realm.path("clients").forEach(c -> clients.put(c.path("clientId").asText(), c));
            JsonNode web = clients.get("privacy-web");
            check(web != null && web.path("publicClient").asBoolean(false) && web.path("standardFlowEnabled").asBoolean(false)
                            && !web.path("implicitFlowEnabled").asBoolean(true)
                            && "S256".equals(web.path("attributes").path("pkce.code.challenge.method").asText()),
                    id(realmImport) + ": privacy-web is not a public authorization-code client with PKCE S256", problems);
            JsonNode console = clients.get("officer-console");
            check(console != null && !console.path("publicClient").asBoolean(true)
                            && console.path("standardFlowEnabled").asBoolean(false)
                            && !console.path("implicitFlowEnabled").asBoolean(true)
                            && !console.path("directAccessGrantsEnabled").asBoolean(true)
                            && !console.path("serviceAccountsEnabled").asBoolean(true)
                            && "S256".equals(console.path("attributes").path("pkce.code.challenge.method").asText()),
                    id(realmImport) + ": officer-console is not a confidential authorization-code client with PKCE S256", problems);
            for (String confidential : List.of("account-service", "privacy-services")) {
                JsonNode client = clients.get(confidential);
                check(client != null && !client.path("publicClient").asBoolean(true) && client.path("serviceAccountsEnabled").asBoolean(false),
                        id(realmImport) + ": " + confidential + " is not a confidential client with a service account", problems);
            }
            Map<String, JsonNode> serviceAccounts = new HashMap<>();
            realm.path("users").forEach(u -> serviceAccounts.put(u.path("serviceAccountClientId").asText(), u));
            check(serviceAccounts.containsKey("privacy-services")
                            && texts(serviceAccounts.get("privacy-services").path("realmRoles")).contains("service"),
                    id(realmImport) + ": the service account of privacy-services lacks the realm role service", problems);
            check(serviceAccounts.containsKey("account-service") && texts(serviceAccounts.get("account-service")
                            .path("clientRoles").path("realm-management")).contains("manage-users"),
                    id(realmImport) + ": the service account of account-service cannot manage users", problems);

            // Client secrets: placeholders filled from Secrets at import, never values.
            Set<String> placeholders = new HashSet<>();
            realmImport.path("spec").path("placeholders").fieldNames().forEachRemaining(placeholders::add);
            for (JsonNode client : realm.path("clients")) {
                if (client.has("secret")) {
                    Matcher p = PLACEHOLDER.matcher(client.path("secret").asText());
                    check(p.matches() && placeholders.contains(p.group(1)), id(realmImport) + ": client "
                            + client.path("clientId").asText() + " has an inlined secret, not a ${PLACEHOLDER} of spec.placeholders", problems);
                }
            }
            check(realmImport.path("spec").path("keycloakCRName").asText().equals(m.ofKind("Keycloak").isEmpty() ? "" : name(m.ofKind("Keycloak").get(0))),
                    id(realmImport) + ": keycloakCRName is not the overlay's Keycloak", problems);
        }
        m.assertNoProblems("realm of the contract", problems);
    }

    @Test
    void theProductionRealmHasNoPeopleNoPasswordsAndNoPasswordGrant() {
        Manifests m = RenderedManifests.render("production");
        List<String> problems = new ArrayList<>();
        JsonNode realm = m.ofKind("KeycloakRealmImport").get(0).path("spec").path("realm");
        for (JsonNode user : realm.path("users")) {
            check(user.hasNonNull("serviceAccountClientId") && user.path("credentials").isEmpty(),
                    "user " + user.path("username").asText() + " is in the production realm", problems);
        }
        for (JsonNode client : realm.path("clients")) {
            check(!client.path("directAccessGrantsEnabled").asBoolean(false),
                    "client " + client.path("clientId").asText() + " allows direct access grants (passwords) in production", problems);
            for (JsonNode uri : client.path("redirectUris")) {
                check(uri.asText().startsWith("https://") && !uri.asText().contains("localhost"),
                        "client " + client.path("clientId").asText() + " redirects to " + uri.asText(), problems);
            }
        }
        m.assertNoProblems("production realm", problems);
    }

    @Test
    void theLocalRealmHasTheDemoUsersOfTheContract() {
        Manifests m = RenderedManifests.render("local");
        List<String> problems = new ArrayList<>();
        JsonNode realm = m.ofKind("KeycloakRealmImport").get(0).path("spec").path("realm");
        Map<String, JsonNode> users = new HashMap<>();
        realm.path("users").forEach(u -> users.put(u.path("username").asText(), u));
        check(users.containsKey("alice") && texts(users.get("alice").path("realmRoles")).contains("user"), "no alice with role user", problems);
        check(users.containsKey("olivia") && texts(users.get("olivia").path("realmRoles")).contains("privacy-officer"),
                "no olivia with role privacy-officer", problems);
        boolean directGrants = false;
        for (JsonNode client : realm.path("clients")) {
            directGrants |= client.path("clientId").asText().equals("privacy-web") && client.path("directAccessGrantsEnabled").asBoolean(false);
        }
        check(directGrants, "privacy-web has no direct access grants in the local realm (./suite token relies on them)", problems);
        m.assertNoProblems("local realm", problems);
    }
}
