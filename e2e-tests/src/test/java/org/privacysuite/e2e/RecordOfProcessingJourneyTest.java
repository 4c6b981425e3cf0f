package org.privacysuite.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Issue #15, item 1, on the running suite: the record of processing an officer gets through the gateway holds every
 * service's activities, and names a declared store for every topic the suite writes (each service's tests check its
 * tables; the topics are shared, so the whole suite is checked here).
 */
class RecordOfProcessingJourneyTest extends Journey {

    /**
     * The suite's topics (privacy-events' Topics; the journeys see the suite as a black box and name them as the
     * contract does). A dead-letter topic holds copies of its topic's events and is declared with it.
     */
    private static final List<String> TOPICS = List.of("privacy.requests", "privacy.results", "account.events",
            "consent.events", "privacy.participants", "privacy.erasure-journal");

    /** Topics that carry nothing about a person, and why. */
    private static final Map<String, String> WITHOUT_PERSONAL_DATA = Map.of(
            "privacy.participants", "the services' declarations");

    @Test
    void theRegisterCoversEveryServiceAndEveryTopic() {
        JsonPath register = as(officerToken()).accept("application/json").when()
                .get("/api/privacy/record-of-processing").then().statusCode(200).extract().jsonPath();
        assertTrue(register.getList("activities.service").containsAll(List.of("consent-service", "account-service",
                "newsletter-service", "dsar-service")), "services: " + register.getList("activities.service"));
        Set<String> stores = new TreeSet<>(register.<String>getList("activities.recordTypes.stores.flatten()"));
        Set<String> undeclared = new TreeSet<>();
        for (String topic : TOPICS) {
            if (!stores.contains(topic) && !WITHOUT_PERSONAL_DATA.containsKey(topic)) {
                undeclared.add(topic);
            }
        }
        assertEquals(Set.of(), undeclared, "topics no declaration names; stores declared: " + stores);
        String csv = as(officerToken()).accept("text/csv").when().get("/api/privacy/record-of-processing").then()
                .statusCode(200).extract().asString();
        assertTrue(csv.lines().count() > 5, csv);
    }
}
