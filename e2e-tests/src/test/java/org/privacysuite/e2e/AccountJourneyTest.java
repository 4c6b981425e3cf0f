package org.privacysuite.e2e;

import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasEntry;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Journey 3. "You are free to provide the information you want on your account and share through our share
 * functions": sign-up creates the Keycloak user, the device's consents follow the person at login, and only the
 * field they chose to share is public.
 */
class AccountJourneyTest extends Journey {

    @Test
    void signUpLinkTheDeviceFillTheProfileShareOneField() {
        String device = UUID.randomUUID().toString();
        gateway().contentType("application/json")
                .body(Map.of("choices", Map.of("analytics-cookies", true, "newsletter-personalisation", true),
                        "method", "custom"))
                .when().put("/api/consent/devices/" + device).then().statusCode(200);

        Person person = signUp(Map.of());
        as(person.token()).when().post("/api/consent/me/devices/" + device)
                .then().statusCode(200)
                .body("subject", equalTo(person.id()))
                .body("purposes.find { it.purpose == 'analytics-cookies' }.granted", equalTo(true))
                .body("purposes.find { it.purpose == 'newsletter-personalisation' }.granted", equalTo(true));

        as(person.token()).contentType("application/json")
                .body(Map.of("profile", Map.of("displayName", "Robin", "city", "Montreal", "bio", "Likes dishwashers"),
                        "sharedFields", List.of("city")))
                .when().patch("/api/accounts/me")
                .then().statusCode(200)
                .body("profile.displayName", equalTo("Robin"));

        gateway().when().get("/api/accounts/" + person.username() + "/public")
                .then().statusCode(200)
                .body("profile", aMapWithSize(1))
                .body("profile", hasEntry("city", "Montreal"));
        as(person.token()).when().get("/api/accounts/me").then().statusCode(200)
                .body("profile.bio", equalTo("Likes dishwashers"));
    }
}
