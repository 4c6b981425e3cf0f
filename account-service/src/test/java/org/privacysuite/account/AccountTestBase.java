package org.privacysuite.account;

import org.privacysuite.testsupport.MovableClock;
import static io.restassured.RestAssured.given;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.UserRepresentation;
import org.junit.jupiter.api.AfterEach;
import org.privacysuite.account.domain.Account;
import org.privacysuite.account.identity.IdentityUser;
import org.privacysuite.account.identity.KeycloakAccounts;
import org.privacysuite.events.catalogue.EventData;
import org.privacysuite.events.catalogue.EventType;
import org.privacysuite.events.kafka.CloudEventCodec;
import org.privacysuite.events.kafka.KafkaClients;
import org.privacysuite.testsupport.ConsentStub;
import org.privacysuite.testsupport.KafkaBroker;
import org.privacysuite.testsupport.KeycloakServer;
import org.privacysuite.testsupport.TestDatabase;

/**
 * What every account-service test runs on: the real database, broker and Keycloak (started through infra/ when not
 * running), and the contract-faithful stand-in for consent-service's /check. One application serves all test classes.
 */
@WithTestResource(KafkaBroker.class)
@WithTestResource(value = TestDatabase.class, initArgs = @ResourceArg(name = "name", value = "account"))
@WithTestResource(AccountKeycloak.class)
@WithTestResource(ConsentStub.class)
abstract class AccountTestBase {

    static final String PASSWORD = "correct-horse-9";
    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();
    private static String serviceToken;
    private static Instant serviceTokenAt = Instant.EPOCH;

    /** A person who signed up through the API, with a token of their own from Keycloak. */
    record User(String id, String username, String email, String password) {
        String token() {
            return KeycloakServer.passwordToken(username, password);
        }
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    static ValidatableResponse signUp(Object body) {
        ValidatableResponse response = given().contentType(ContentType.JSON).body(body)
                .when().post("/api/accounts").then();
        String id = response.extract().path("id");
        if (id != null && response.extract().statusCode() == 201) {
            CREATED.add(id);
        }
        return response;
    }

    static Map<String, Object> signUpBody(String username, Map<String, Object> profile, List<String> shared) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("email", username + "@example.com");
        body.put("password", PASSWORD);
        if (profile != null) {
            body.put("profile", profile);
        }
        if (shared != null) {
            body.put("sharedFields", shared);
        }
        return body;
    }

    static User newUser() {
        return newUser(Map.of("displayName", "Test Person"), List.of());
    }

    static User newUser(Map<String, Object> profile, List<String> shared) {
        String username = unique("user");
        String id = signUp(signUpBody(username, profile, shared)).statusCode(201).extract().path("id");
        return new User(id, username, username + "@example.com", PASSWORD);
    }

    /** A token of the privacy-services client: the service role an order system has. */
    static synchronized String serviceToken() {
        if (serviceToken == null || serviceTokenAt.isBefore(Instant.now().minusSeconds(200))) {
            serviceToken = KeycloakServer.clientToken("privacy-services", "local-services-secret");
            serviceTokenAt = Instant.now();
        }
        return serviceToken;
    }

    static ValidatableResponse me(String token) {
        return given().auth().oauth2(token).when().get("/api/accounts/me").then();
    }

    static ValidatableResponse publicProfile(String username) {
        return given().when().get("/api/accounts/" + username + "/public").then();
    }

    static ValidatableResponse addHold(String accountId, String reason, Instant until, String reference) {
        Map<String, Object> body = new HashMap<>();
        body.put("reason", reason);
        body.put("until", until.toString());
        body.put("reference", reference);
        return given().auth().oauth2(serviceToken()).contentType(ContentType.JSON).body(body)
                .when().post("/api/accounts/" + accountId + "/holds").then();
    }

    static ValidatableResponse releaseHold(String accountId, String holdId) {
        return given().auth().oauth2(serviceToken())
                .when().delete("/api/accounts/" + accountId + "/holds/" + holdId).then();
    }

    static ValidatableResponse requestClosure(String token) {
        return given().auth().oauth2(token).when().post("/api/accounts/me/closure").then();
    }

    static ValidatableResponse cancelClosure(String token) {
        return given().auth().oauth2(token).when().delete("/api/accounts/me/closure").then();
    }

    static KeycloakAccounts keycloak() {
        return Arc.container().instance(KeycloakAccounts.class).get();
    }

    static Optional<IdentityUser> keycloakUser(String id) {
        return keycloak().find(id);
    }

    /** The person proves their address in Keycloak (what Keycloak's verify-email action records). */
    static void verifyEmail(String id) {
        var user = Arc.container().instance(Keycloak.class).get().realm(KeycloakServer.REALM).users().get(id);
        UserRepresentation representation = user.toRepresentation();
        representation.setEmailVerified(true);
        user.update(representation);
    }

    /** Asks Keycloak itself (the admin API), not the code under test. */
    static Optional<String> keycloakUserNamed(String username) {
        return Arc.container().instance(Keycloak.class).get().realm(KeycloakServer.REALM).users()
                .searchByUsername(username.toLowerCase(java.util.Locale.ROOT), true).stream()
                .map(UserRepresentation::getId).findFirst();
    }

    static Optional<Account> row(String id) {
        return QuarkusTransaction.requiringNew().call(() -> Account.<Account>findByIdOptional(id));
    }

    static long countRows(String table) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Account.getEntityManager()
                .createNativeQuery("SELECT COUNT(*) FROM " + table).getSingleResult()).longValue());
    }

    static long countRows(String table, String accountId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Account.getEntityManager()
                .createNativeQuery("SELECT COUNT(*) FROM " + table + " WHERE account_id = :id")
                .setParameter("id", accountId).getSingleResult()).longValue());
    }

    /** Sends a CloudEvent to Kafka as another service would (binary mode, key = subject). */
    static void send(String eventId, EventData data) throws Exception {
        EventType type = EventType.of(data).orElseThrow();
        send(eventId, type.type(), type.topic(), data.subjectId(), codec().toJson(data));
    }

    /** Sends data the catalogue may no longer describe (an older service's event still in flight). */
    static void sendRaw(String type, String topic, String key, String json) throws Exception {
        send(UUID.randomUUID().toString(), type, topic, key, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void send(String eventId, String type, String topic, String key, byte[] json) throws Exception {
        KafkaClients clients = Arc.container().instance(KafkaClients.class).get();
        clients.producer().send(codec().encode(topic, eventId, type, URI.create("/test/other-service"), key,
                Instant.now(), json)).get(10, TimeUnit.SECONDS);
    }

    static CloudEventCodec codec() {
        return Arc.container().instance(CloudEventCodec.class).get();
    }

    @AfterEach
    void resetFaults() {
        FaultyKeycloakAccounts.reset();
        FaultyProfileStore.FAIL_AFTER_INSERT.clear();
        MovableClock.reset();
    }

    /** Keycloak may be shared with a local suite: remove the users the tests left. */
    @AfterAll
    static void removeTestUsers() {
        for (String id : CREATED) {
            try {
                keycloak().delete(id);
            } catch (RuntimeException e) {
                // best effort
            }
        }
        CREATED.clear();
    }
}
