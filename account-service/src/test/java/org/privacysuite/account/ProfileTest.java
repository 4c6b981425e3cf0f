package org.privacysuite.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.privacysuite.testsupport.KeycloakServer;

/** Acceptance 1 (profile read/patch, public profile) and 2 (only the owner reads and changes a profile). */
@QuarkusTest
class ProfileTest extends AccountTestBase {

    static ValidatableResponse patch(String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().patch("/api/accounts/me").then();
    }

    @Test
    void ownerReadsAndPatchesTheProfileWithMergeSemantics() {
        User user = newUser(Map.of("displayName", "Pat", "bio", "Cooks a lot", "city", "Lyon"), List.of());
        String token = user.token();
        me(token).statusCode(200)
                .body("id", equalTo(user.id()))
                .body("email", equalTo(user.email()))
                .body("profile.displayName", equalTo("Pat"))
                .body("sharedFields", org.hamcrest.Matchers.empty());

        Map<String, Object> profile = new HashMap<>();
        profile.put("city", null); // cleared
        profile.put("website", "https://pat.example.org");
        patch(token, Map.of("profile", profile, "sharedFields", List.of("displayName", "website")))
                .statusCode(200)
                .body("profile.displayName", equalTo("Pat")) // not named: unchanged
                .body("profile.bio", equalTo("Cooks a lot"))
                .body("profile.city", nullValue())
                .body("profile.website", equalTo("https://pat.example.org"))
                .body("sharedFields", containsInAnyOrder("displayName", "website"));
        me(token).statusCode(200).body("profile.city", nullValue())
                .body("profile.website", equalTo("https://pat.example.org"));

        // merge-patch+json is accepted too
        given().auth().oauth2(token).contentType("application/merge-patch+json")
                .body(Map.of("profile", Map.of("bio", "Bakes too"))).when().patch("/api/accounts/me")
                .then().statusCode(200).body("profile.bio", equalTo("Bakes too"));
    }

    @Test
    void publicProfileShowsOnlyTheSharedFieldsThatAreFilledIn() {
        User user = newUser(Map.of("displayName", "Robin", "bio", "private bio", "city", "Oslo",
                "avatarUrl", "https://img.example.org/r.png"), List.of("displayName", "avatarUrl", "website"));
        publicProfile(user.username()).statusCode(200)
                .body("username", equalTo(user.username()))
                .body("profile", aMapWithSize(2))
                .body("profile.displayName", equalTo("Robin"))
                .body("profile.avatarUrl", equalTo("https://img.example.org/r.png"))
                .body("profile", not(hasKey("bio")))
                .body("profile", not(hasKey("city")))
                .body("profile", not(hasKey("website"))) // shared but empty
                .body("$", not(hasKey("email")))
                .body("$", not(hasKey("id")));
        // the username is matched case-insensitively
        publicProfile(user.username().toUpperCase()).statusCode(200);

        patch(user.token(), Map.of("sharedFields", List.of("city"))).statusCode(200);
        publicProfile(user.username()).statusCode(200)
                .body("profile", aMapWithSize(1)).body("profile.city", equalTo("Oslo"));

        publicProfile("nobody-" + user.username()).statusCode(404).contentType("application/problem+json");
    }

    @Test
    void publicProfileOfAPendingOrClosedAccountIsNotFound() {
        User pending = newUser(Map.of("displayName", "Pending"), List.of("displayName"));
        addHold(pending.id(), "RETURN_WINDOW", Instant.now().plus(Duration.ofDays(14)), "order-1").statusCode(201);
        requestClosure(pending.token()).statusCode(202);
        publicProfile(pending.username()).statusCode(404).contentType("application/problem+json");

        User closed = newUser(Map.of("displayName", "Closed"), List.of("displayName"));
        publicProfile(closed.username()).statusCode(200);
        requestClosure(closed.token()).statusCode(200);
        publicProfile(closed.username()).statusCode(404).contentType("application/problem+json");
    }

    @Test
    void onlyTheOwnerReadsAndChangesTheirProfile() {
        User owner = newUser(Map.of("displayName", "Owner", "bio", "mine"), List.of());
        User other = newUser(Map.of("displayName", "Other"), List.of());

        // "me" is always the token's subject: the other user sees and changes only their own profile
        me(other.token()).statusCode(200).body("id", equalTo(other.id())).body("profile.displayName", equalTo("Other"));
        patch(other.token(), Map.of("profile", Map.of("displayName", "Hijacked"))).statusCode(200)
                .body("id", equalTo(other.id()));
        me(owner.token()).statusCode(200).body("profile.displayName", equalTo("Owner"));

        // no token, a forged token, or a service token: refused
        given().when().get("/api/accounts/me").then().statusCode(401).contentType("application/problem+json");
        String token = owner.token();
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        me(forged).statusCode(401);
        me(serviceToken()).statusCode(403).contentType("application/problem+json");
        patch(serviceToken(), Map.of("profile", Map.of("bio", "x"))).statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("profile", Map.of("bio", "x")))
                .when().patch("/api/accounts/me").then().statusCode(401);
        me(owner.token()).statusCode(200).body("profile.bio", equalTo("mine"));

        // no endpoint takes another account's id for reading or changing a profile
        given().auth().oauth2(other.token()).when().get("/api/accounts/" + owner.id())
                .then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(404), equalTo(405)));
    }

    @Test
    void invalidPatchesChangeNothing() {
        User user = newUser(Map.of("displayName", "Val", "website", "https://val.example.org"), List.of("displayName"));
        String token = user.token();
        patch(token, Map.of("profile", Map.of("website", "ftp://nope", "displayName", "Changed")))
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("profile.website"));
        patch(token, Map.of("profile", Map.of("favouriteColour", "blue"))).statusCode(400)
                .body("errors.field", hasItem("profile.favouriteColour"));
        patch(token, Map.of("sharedFields", List.of("password"))).statusCode(400);
        patch(token, Map.of("email", "new@example.com")).statusCode(400).body("errors[0].field", equalTo("email"));
        patch(token, Map.of("profile", Map.of("bio", "b".repeat(1001)))).statusCode(400);
        patch(token, Map.of("profile", Map.of("bio", "z".repeat(100_000)))).statusCode(413);
        me(token).statusCode(200).body("profile.displayName", equalTo("Val"))
                .body("profile.website", equalTo("https://val.example.org"))
                .body("sharedFields", contains("displayName"));
    }

    @Test
    void aKeycloakUserCreatedElsewhereGetsAnEmptyProfileOnFirstUse() {
        // alice comes from the realm import, not from sign-up
        me(KeycloakServer.passwordToken("alice", "alice-pass")).statusCode(200)
                .body("username", equalTo("alice"))
                .body("email", equalTo("alice@example.com"))
                .body("status", equalTo("ACTIVE"))
                .body("profile.displayName", nullValue());
    }
}
