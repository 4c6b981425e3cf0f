package org.privacysuite.e2e;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.privacysuite.testsupport.KeycloakServer;

/**
 * The realm's {@code officer-console} client, as the browser tests need it: the Keycloak they share may have been
 * started from an older realm file (then the client is created from this repository's realm file), and the
 * gateway of a test run listens on a free port, which is added to the client's redirect URIs through the admin API
 * of the local Keycloak (admin/admin, local only).
 */
final class ConsoleRealmClient {

    private static final String CLIENT_ID = "officer-console";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConsoleRealmClient() {
    }

    static synchronized void allowRedirectsTo(String gateway) {
        String admin = KeycloakServer.adminToken();
        String clients = KeycloakServer.baseUrl() + "/admin/realms/" + KeycloakServer.REALM + "/clients";
        if (find(admin, clients) == null) {
            given().auth().oauth2(admin).contentType("application/json").body(fromRealmFile().toString())
                    .when().post(clients).then().statusCode(201);
        }
        ObjectNode client = find(admin, clients);
        ArrayNode redirects = (ArrayNode) client.get("redirectUris");
        String uri = gateway + "/console/*";
        if (!redirects.toString().contains("\"" + uri + "\"")) {
            redirects.add(uri);
            ObjectNode attributes = (ObjectNode) client.get("attributes");
            attributes.put("post.logout.redirect.uris",
                    attributes.path("post.logout.redirect.uris").asText("") + "##" + uri);
            given().auth().oauth2(admin).contentType("application/json").body(client.toString())
                    .when().put(clients + "/" + client.get("id").asText()).then().statusCode(204);
        }
    }

    private static ObjectNode find(String admin, String clients) {
        String body = given().auth().oauth2(admin).queryParam("clientId", CLIENT_ID)
                .when().get(clients).then().statusCode(200).extract().asString();
        JsonNode list = read(body);
        return list.isEmpty() ? null : (ObjectNode) list.get(0);
    }

    private static JsonNode fromRealmFile() {
        try {
            JsonNode realm = JSON.readTree(SuiteUnderTest.repositoryRoot().resolve("infra/keycloak/realm-privacy.json")
                    .toFile());
            for (JsonNode client : realm.get("clients")) {
                if (CLIENT_ID.equals(client.get("clientId").asText())) {
                    return client;
                }
            }
            throw new IllegalStateException("No " + CLIENT_ID + " client in the realm file");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
