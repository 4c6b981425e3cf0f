package org.privacysuite.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.UserRepresentation;
import org.privacysuite.account.domain.Account;
import org.privacysuite.events.catalogue.Identities;
import org.privacysuite.events.catalogue.RectificationRequested;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.testsupport.KeycloakServer;
import org.privacysuite.testsupport.TopicReader;

/**
 * Rectification (issue 13, item 5): the profile here and the username and e-mail in Keycloak are corrected, each
 * field answered on privacy.results; invalid or taken values are refused field by field while the others apply.
 * Checked in the database and in Keycloak's admin API, not in what the code under test says.
 */
@QuarkusTest
class RectificationTest extends AccountTestBase {

    private final ObjectMapper json = new ObjectMapper();

    private static UserResource inKeycloak(String id) {
        return Arc.container().instance(Keycloak.class).get().realm(KeycloakServer.REALM).users().get(id);
    }

    /** account-service's answers about the subject (the broker may be shared with other modules' runs). */
    private static Predicate<ConsumerRecord<String, byte[]>> answersTo(String subject) {
        return r -> subject.equals(r.key())
                && "privacy.rectification.completed.v1".equals(TopicReader.header(r, "ce_type"))
                && "/privacy-suite/account-service".equals(TopicReader.header(r, "ce_source"));
    }

    /** Each field's outcome (and reason) from the one answer. */
    private static Map<String, String> fields(JsonNode answer) {
        Map<String, String> fields = new LinkedHashMap<>();
        answer.get("fields").forEach(f -> fields.put(f.get("field").asText(), f.get("outcome").asText()
                + (f.hasNonNull("reason") ? ": " + f.get("reason").asText() : "")));
        return fields;
    }

    @Test
    void profileUsernameAndEmailAreCorrectedAndInvalidFieldsRefused() throws Exception {
        User user = newUser(Map.of("displayName", "Ana", "city", "Quebec"), List.of("displayName"));
        UserRepresentation before = inKeycloak(user.id()).toRepresentation();
        before.setEmailVerified(true);
        inKeycloak(user.id()).update(before);
        String newName = unique("renamed");
        String newEmail = newName + "@example.org";
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("email", newEmail);
        changes.put("username", newName);
        changes.put("city", "Montreal");
        changes.put("website", "not a web address");
        changes.put("shoeSize", "44");
        RectificationRequested request = new RectificationRequested(UUID.randomUUID(), user.id(), "account-service",
                changes, Identities.none());
        String eventId = UUID.randomUUID().toString();
        try (TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS)) {
            send(eventId, request);
            send(eventId, request); // redelivered: applied and answered once
            List<ConsumerRecord<String, byte[]>> answers = results.read(Duration.ofSeconds(30), answersTo(user.id()), 1);
            answers.addAll(results.readFor(Duration.ofSeconds(3), answersTo(user.id())));
            assertEquals(1, answers.size(), "one answer");
            JsonNode answer = json.readTree(answers.get(0).value());
            assertEquals(request.requestId().toString(), answer.get("requestId").asText());
            assertEquals("account-service", answer.get("service").asText());
            assertEquals("REFUSED", answer.get("outcome").asText(), "a refused field makes the answer REFUSED");
            Map<String, String> fields = fields(answer);
            assertTrue(fields.get("email").startsWith("CHANGED"), fields.toString());
            assertEquals("CHANGED", fields.get("username"));
            assertEquals("CHANGED", fields.get("city"));
            assertEquals("REFUSED: must be an http(s) URL", fields.get("website"));
            assertEquals("REFUSED: account-service holds no field of this name", fields.get("shoeSize"));
            assertFalse(answer.toString().contains(newEmail), "values do not travel back");
        }
        Account row = row(user.id()).orElseThrow();
        assertEquals("Montreal", row.city);
        assertEquals(newName.toLowerCase(), row.username);
        UserRepresentation after = inKeycloak(user.id()).toRepresentation();
        assertEquals(newEmail.toLowerCase(), after.getEmail());
        assertEquals(newName.toLowerCase(), after.getUsername());
        assertFalse(after.isEmailVerified(), "nobody proved the new address yet");
        publicProfile(newName).statusCode(200);
        publicProfile(user.username()).statusCode(404);
    }

    @Test
    void anAddressOfAnotherAccountIsRefusedAndTheRestStillApplies() throws Exception {
        User user = newUser();
        User other = newUser();
        String newName = unique("moved");
        RectificationRequested request = new RectificationRequested(UUID.randomUUID(), user.id(), "account-service",
                Map.of("email", other.email(), "username", newName), Identities.none());
        try (TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS)) {
            send(UUID.randomUUID().toString(), request);
            JsonNode answer = json.readTree(results.read(Duration.ofSeconds(30), answersTo(user.id()), 1).get(0).value());
            Map<String, String> fields = fields(answer);
            assertEquals("REFUSED: already used by another account", fields.get("email"));
            assertEquals("CHANGED", fields.get("username"));
        }
        assertEquals(user.email(), inKeycloak(user.id()).toRepresentation().getEmail());
        assertEquals(newName.toLowerCase(), inKeycloak(user.id()).toRepresentation().getUsername());
        assertEquals(other.email(), inKeycloak(other.id()).toRepresentation().getEmail());
    }

    @Test
    void keycloakDownDelaysTheCorrectionAndNeverLosesIt() throws Exception {
        User user = newUser();
        String newEmail = unique("later") + "@example.org";
        FaultyKeycloakAccounts.FAIL_CORRECT.add(user.id());
        RectificationRequested request = new RectificationRequested(UUID.randomUUID(), user.id(), "account-service",
                Map.of("email", newEmail, "city", "Laval"), Identities.none());
        try (TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS)) {
            send(UUID.randomUUID().toString(), request);
            assertEquals(0, results.readFor(Duration.ofSeconds(4), answersTo(user.id())).size(),
                    "no answer while Keycloak is down");
            assertEquals(null, row(user.id()).orElseThrow().city, "nothing applied half-way");
            FaultyKeycloakAccounts.FAIL_CORRECT.clear();
            JsonNode answer = json.readTree(results.read(Duration.ofSeconds(60), answersTo(user.id()), 1).get(0).value());
            assertEquals("RECTIFIED", answer.get("outcome").asText());
        }
        assertEquals(newEmail.toLowerCase(), inKeycloak(user.id()).toRepresentation().getEmail());
        assertEquals("Laval", row(user.id()).orElseThrow().city);
    }

    @Test
    void aClosedOrUnknownAccountAnswersNothingFound() throws Exception {
        String stranger = UUID.randomUUID().toString();
        try (TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS)) {
            send(UUID.randomUUID().toString(), new RectificationRequested(UUID.randomUUID(), stranger,
                    "account-service", Map.of("city", "Gatineau"), Identities.none()));
            JsonNode answer = json.readTree(results.read(Duration.ofSeconds(30), answersTo(stranger), 1).get(0).value());
            assertEquals("NOTHING_FOUND", answer.get("outcome").asText());
        }
    }
}
