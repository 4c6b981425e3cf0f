package org.privacysuite.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacysuite.testsupport.PortableShape.names;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.privacysuite.account.events.AccountParticipant;
import org.privacysuite.events.catalogue.AccessRequested;
import org.privacysuite.events.catalogue.Identities;
import org.privacysuite.events.catalogue.ParticipantDeclared.DeclaredRecordType;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.testsupport.ConsentStub;
import org.privacysuite.testsupport.PortableShape;
import org.privacysuite.testsupport.TopicReader;

/** Portability (GDPR Art. 20): only provided and observed record types, as flat rows; and whose account an address reaches. */
@QuarkusTest
class PortabilityTest extends AccountTestBase {

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    AccountParticipant participant;

    private JsonNode accessData(String subject, Identities identities, boolean portable) throws Exception {
        UUID requestId = UUID.randomUUID();
        try (TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS)) {
            send(UUID.randomUUID().toString(), new AccessRequested(requestId, subject, identities, List.of(), portable));
            List<ConsumerRecord<String, byte[]>> answers = results.read(Duration.ofSeconds(30), r -> subject.equals(r.key())
                    && "privacy.access.completed.v1".equals(TopicReader.header(r, "ce_type"))
                    && "/privacy-suite/account-service".equals(TopicReader.header(r, "ce_source")), 1);
            assertEquals(1, answers.size());
            JsonNode answer = json.readTree(answers.get(0).value());
            assertEquals(requestId.toString(), answer.get("requestId").asText());
            return answer.get("data");
        }
    }

    @Test
    void everyRecordTypeDeclaresWhereItsDataComesFrom() {
        for (DeclaredRecordType type : participant.recordTypes()) {
            assertNotNull(type.origin(), type.recordType());
        }
        assertEquals(List.of("keycloak-user", "account-profile", "app-usage-event"), portableTypes());
    }

    @Test
    void aPortablePackageHasFlatRowsOfWhatThePersonProvidedOrWasObserved() throws Exception {
        User user = newUser(Map.of("displayName", "Port Able", "city", "Lyon"), List.of("city", "displayName"));
        ConsentStub.grant(user.id(), "app-usage-data");
        AppUsageTest.post(user.token(), AppUsageTest.usage("oven", "pizza", "PT20M")).statusCode(201);
        AppUsageTest.post(user.token(), AppUsageTest.usage("washer", "eco", "PT1H")).statusCode(201);
        addHold(user.id(), "RETURN_WINDOW", Instant.now().plus(Duration.ofDays(3)), "order-9").statusCode(201);

        JsonNode data = accessData(user.id(), Identities.none(), true);

        PortableShape.assertPortable(data, portableTypes());
        JsonNode identity = data.get("keycloak-user");
        assertEquals(1, identity.size());
        assertEquals(List.of("id", "username", "email"), names(identity.get(0)));
        assertEquals(user.id(), identity.get(0).get("id").asText());
        assertEquals(user.username(), identity.get(0).get("username").asText());
        assertEquals(user.email(), identity.get(0).get("email").asText());
        JsonNode profile = data.get("account-profile");
        assertEquals(1, profile.size());
        assertEquals(List.of("displayName", "bio", "city", "website", "avatarUrl", "sharedFields"), names(profile.get(0)));
        assertEquals("Port Able", profile.get(0).get("displayName").asText());
        assertTrue(profile.get(0).get("bio").isNull());
        assertEquals("Lyon", profile.get(0).get("city").asText());
        assertEquals("displayName,city", profile.get(0).get("sharedFields").asText());
        JsonNode usage = data.get("app-usage-event");
        assertEquals(2, usage.size());
        assertEquals(List.of("id", "appliance", "program", "durationSeconds", "startedAt", "receivedAt"),
                names(usage.get(0)));
        assertEquals(List.of("pizza", "eco"), List.of(usage.get(0).get("program").asText(), usage.get(1).get("program").asText()));
        assertEquals(3600, usage.get(1).get("durationSeconds").asLong());
        Instant.parse(usage.get(0).get("receivedAt").asText());
        assertFalse(data.toString().contains("order-9"), "holds come from the order system: not portable");
        assertFalse(data.toString().contains(PASSWORD));
    }

    @Test
    void aPersonWithoutAnAccountGetsEmptyTypes() throws Exception {
        String subject = UUID.randomUUID().toString();
        JsonNode data = accessData(subject, Identities.none(), true);
        PortableShape.assertPortable(data, portableTypes());
        data.forEach(rows -> assertEquals(0, rows.size()));
    }

    /** An access request that names only an address reaches the account only if its owner verified that address. */
    @Test
    void anAddressReachesOnlyTheAccountThatVerifiedIt() throws Exception {
        User user = newUser(Map.of("displayName", "Typed An Address"), List.of());
        String byAddress = "request:" + UUID.randomUUID();
        Identities address = new Identities(List.of(user.email()), List.of());
        JsonNode unverified = accessData(byAddress, address, false);
        assertTrue(unverified.get("identity").isNull(), unverified.toString());
        assertTrue(unverified.get("account").isNull());
        assertEquals(0, accessData(byAddress, address, true).get("account-profile").size());

        verifyEmail(user.id());
        JsonNode verified = accessData(byAddress, address, false);
        assertEquals(user.id(), verified.get("identity").get("id").asText());
        assertEquals("Typed An Address", verified.get("account").get("profile").get("displayName").asText());
    }

    private List<String> portableTypes() {
        return participant.recordTypes().stream().filter(DeclaredRecordType::portable)
                .map(DeclaredRecordType::recordType).toList();
    }
}
