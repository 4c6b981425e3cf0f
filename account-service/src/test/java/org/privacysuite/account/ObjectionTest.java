package org.privacysuite.account;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.privacysuite.events.catalogue.Identities;
import org.privacysuite.events.catalogue.ObjectionRequested;
import org.privacysuite.events.catalogue.ObjectionScope;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.testsupport.ConsentStub;
import org.privacysuite.testsupport.TopicReader;

/**
 * An objection stops processing and erases nothing. account-service does no direct marketing and neither sells nor
 * shares: it answers NOTHING_FOUND and leaves the account, its usage data and its holds as they are.
 */
@QuarkusTest
class ObjectionTest extends AccountTestBase {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anObjectionIsAnsweredNothingFoundAndChangesNothing() throws Exception {
        User user = newUser(Map.of("displayName", "Objects"), List.of("displayName"));
        ConsentStub.grant(user.id(), "app-usage-data");
        AppUsageTest.post(user.token(), AppUsageTest.usage("oven", "bread", "PT40M")).statusCode(201);
        addHold(user.id(), "RETURN_WINDOW", Instant.now().plus(Duration.ofDays(5)), "order-3").statusCode(201);
        long history = countRows("account_status_change", user.id());

        for (ObjectionScope scope : ObjectionScope.values()) {
            UUID requestId = UUID.randomUUID();
            try (TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS)) {
                send(UUID.randomUUID().toString(), new ObjectionRequested(requestId, user.id(),
                        new Identities(List.of(user.email()), List.of()), scope, List.of()));
                List<ConsumerRecord<String, byte[]>> answers = results.read(Duration.ofSeconds(30),
                        r -> user.id().equals(r.key())
                                && "privacy.objection.completed.v1".equals(TopicReader.header(r, "ce_type"))
                                && "/privacy-suite/account-service".equals(TopicReader.header(r, "ce_source")), 1);
                assertEquals(1, answers.size(), scope.name());
                JsonNode answer = json.readTree(answers.get(0).value());
                assertEquals(requestId.toString(), answer.get("requestId").asText());
                assertEquals("account-service", answer.get("service").asText());
                assertEquals("NOTHING_FOUND", answer.get("outcome").asText());
                assertEquals(0, answer.get("stopped").size());
                assertTrue(answer.get("reason").asText().startsWith("does no processing for"), answer.toString());
            }
        }

        me(user.token()).statusCode(200).body("status", equalTo("ACTIVE"))
                .body("profile.displayName", equalTo("Objects")).body("sharedFields", hasSize(1));
        AppUsageTest.list(user.token()).statusCode(200).body("", hasSize(1));
        assertEquals(1, countRows("account_hold", user.id()));
        assertEquals(history, countRows("account_status_change", user.id()));
        assertTrue(keycloakUser(user.id()).orElseThrow().enabled());
    }
}
