package org.privacysuite.e2e;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.privacysuite.testsupport.TopicReader;

/**
 * Journey 1. "We use cookies that recognise your device only to understand your interests and serve you ads and
 * offers according to your interests ... you can opt out": a visitor's choices hold, other services are told no,
 * and a Global Privacy Control signal opts out of advertising whatever the banner sends.
 */
class ConsentJourneyTest extends Journey {

    private boolean allowed(String subject, String purpose) {
        return as(serviceToken()).queryParam("subject", subject).queryParam("purpose", purpose)
                .when().get("/api/consent/check")
                .then().statusCode(200).extract().path("allowed");
    }

    @Test
    void visitorChoicesHoldAndGpcOptsOutOfAdvertising() {
        String device = UUID.randomUUID().toString();
        try (TopicReader events = new TopicReader("consent.events", suite.kafka())) {
            gateway().contentType("application/json")
                    .body(Map.of("choices", Map.of("analytics-cookies", true, "advertising-cookies", false),
                            "method", "custom", "url", "https://shop.example.com/"))
                    .when().put("/api/consent/devices/" + device)
                    .then().statusCode(200)
                    .body("purposes.find { it.purpose == 'advertising-cookies' }.granted", equalTo(false));

            assertEquals(true, allowed(device, "analytics-cookies"));
            assertFalse(allowed(device, "advertising-cookies"), "the advertising decision says no");

            List<ConsumerRecord<String, byte[]>> announced = events.read(Duration.ofSeconds(30),
                    r -> device.equals(r.key()), 2);
            assertEquals(2, announced.size(), "both decisions are announced to the other services");
        }

        String gpcDevice = UUID.randomUUID().toString();
        gateway().header("Sec-GPC", "1").contentType("application/json")
                .body(Map.of("choices", Map.of("analytics-cookies", true, "advertising-cookies", true),
                        "method", "accept-all"))
                .when().put("/api/consent/devices/" + gpcDevice)
                .then().statusCode(200)
                .body("purposes.find { it.purpose == 'advertising-cookies' }.granted", equalTo(false))
                .body("purposes.find { it.purpose == 'advertising-cookies' }.gpc", equalTo(true));
        assertFalse(allowed(gpcDevice, "advertising-cookies"), "GPC refuses advertising although all was accepted");
        assertEquals(true, allowed(gpcDevice, "analytics-cookies"));
        gateway().when().get("/.well-known/gpc.json").then().statusCode(200).body("gpc", equalTo(true));
    }
}
