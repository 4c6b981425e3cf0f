package org.privacysuite.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.privacysuite.testsupport.TopicReader;

/**
 * Issue 20, item 3: one erasure request is one trace, from the gateway across Kafka to FULFILLED. The client sends
 * its own W3C {@code traceparent}; the events the request causes carry its trace id in the CloudEvents
 * distributed-tracing attribute ({@code ce_traceparent}), written by each producer's outbox and continued by each
 * consumer; and every process exported spans of that trace over OTLP.
 */
class TraceJourneyTest extends Journey {

    private final Mails mails = new Mails(suite.mail());

    @Test
    void theTraceIdOfTheGatewayRequestIsOnEveryEventTheErasureCauses() {
        Person person = signUp(Map.of());
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String id;
        try (TopicReader requests = new TopicReader("privacy.requests", suite.kafka());
                TopicReader results = new TopicReader("privacy.results", suite.kafka())) {
            id = as(person.token()).header("traceparent", traceparent(traceId)).contentType("application/json")
                    .body(Map.of("type", "ERASURE", "jurisdiction", "GDPR"))
                    .when().post("/api/privacy-requests").then().statusCode(201).extract().path("id");
            String code = Mails.find(Mails.body(mails.awaitMail(person.email(), 1)), "code is (\\d{6})");
            // the same client action, a second call: the same trace (a new span id, as W3C asks of each call)
            gateway().header("traceparent", traceparent(traceId)).contentType("application/json")
                    .body(Map.of("code", code))
                    .when().post("/api/privacy-requests/" + id + "/verify").then().statusCode(200);
            String officer = officerToken();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    as(officer).when().get("/api/privacy-requests/" + id).then().statusCode(200)
                            .body("status", equalTo("FULFILLED")));

            List<ConsumerRecord<String, byte[]>> asked = requests.read(Duration.ofSeconds(30),
                    r -> person.id().equals(r.key()), 1);
            assertEquals("privacy.erasure.requested.v1", TopicReader.header(asked.get(0), "ce_type"));
            assertEquals(traceId, traceIdOf(asked.get(0)), "dsar-service's request carries the gateway's trace");

            // each participant's first answer (one subject: one partition, in order); a re-ask by dsar-service's timer,
            // should the machine be slow, starts a trace of its own and so would its answer
            Map<String, ConsumerRecord<String, byte[]>> firstAnswers = new LinkedHashMap<>();
            results.readFor(Duration.ofSeconds(5), r -> person.id().equals(r.key()))
                    .forEach(r -> firstAnswers.putIfAbsent(TopicReader.header(r, "ce_source"), r));
            assertEquals(Set.of("/privacy-suite/consent-service", "/privacy-suite/account-service",
                    "/privacy-suite/newsletter-service"), firstAnswers.keySet());
            firstAnswers.forEach((source, answer) -> assertEquals(traceId, traceIdOf(answer),
                    "the answer of " + source + " continues the trace across Kafka"));
        }
        for (String process : List.of("gateway", "dsar-service", "consent-service", "account-service",
                "newsletter-service")) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertTrue(
                    suite.otlp().exported(process, traceId), process + " exported spans of the trace"));
        }
    }

    private static String traceparent(String traceId) {
        return "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01";
    }

    private static String traceIdOf(ConsumerRecord<String, byte[]> record) {
        String traceparent = TopicReader.header(record, "ce_traceparent");
        return traceparent == null ? null : traceparent.split("-")[1];
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] |= 1; // never all zeros, which W3C declares invalid
        return bytes;
    }
}
