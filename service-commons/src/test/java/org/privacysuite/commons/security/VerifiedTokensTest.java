package org.privacysuite.commons.security;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.privacysuite.commons.problem.CommonsTestBase;
import org.privacysuite.testsupport.TestTokens;

/** The verified-token cache's contract ({@link VerifiedTokens}), against quarkus-oidc and a real signing key. */
@QuarkusTest
class VerifiedTokensTest extends CommonsTestBase {

    @Inject
    MeterRegistry registry;

    double count(String result) {
        return registry.counter("privacy.token.cache", "result", result).count();
    }

    static io.restassured.response.ValidatableResponse whoami(String token, String probe) {
        return given().auth().oauth2(token).header("X-Probe", probe).when().get("/probe/whoami").then();
    }

    /** Claims as the realm's, signed with the test realm's key ({@code privateKey.jwk}) unless another is given. */
    static String token(String subject, Instant expiresAt) {
        return Jwt.subject(subject).issuer("https://server.example.com").audience("https://server.example.com")
                .claim("realm_access", Map.of("roles", List.of("user"))).expiresAt(expiresAt)
                .jws().keyId("1").sign("privateKey.jwk");
    }

    @Test
    void aTokenIsVerifiedOnceAndThenServedFromTheCacheWithEachRequestsOwnContext() {
        String subject = UUID.randomUUID().toString();
        String token = TestTokens.user(subject);
        double hits = count("hit");
        double misses = count("miss");

        whoami(token, "first").statusCode(200).body("subject", equalTo(subject)).body("identityProbe", equalTo("first"));
        whoami(token, "second").statusCode(200).body("subject", equalTo(subject))
                .body("roles", equalTo(List.of("user"))).body("identityProbe", equalTo("second"));
        whoami(token, "third").statusCode(200).body("identityProbe", equalTo("third"));

        assertEquals(misses + 1, count("miss"), "verified once");
        assertEquals(hits + 2, count("hit"), "then served from the cache");
        // another person's token is their own
        String other = UUID.randomUUID().toString();
        whoami(TestTokens.user(other), "other").statusCode(200).body("subject", equalTo(other));
    }

    @Test
    void theSameClaimsUnderAnotherSignatureAreRefused() throws Exception {
        String subject = UUID.randomUUID().toString();
        Instant exp = Instant.now().plusSeconds(300);
        String genuine = token(subject, exp);
        whoami(genuine, "genuine").statusCode(200);

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair attacker = generator.generateKeyPair();
        String forged = Jwt.subject(subject).issuer("https://server.example.com").audience("https://server.example.com")
                .claim("realm_access", Map.of("roles", List.of("user"))).expiresAt(exp)
                .jws().keyId("1").sign(attacker.getPrivate());
        whoami(forged, "forged").statusCode(401);

        // the genuine token with one character of its signature changed
        char last = genuine.charAt(genuine.length() - 2);
        String tampered = genuine.substring(0, genuine.length() - 2) + (last == 'A' ? 'B' : 'A')
                + genuine.charAt(genuine.length() - 1);
        whoami(tampered, "tampered").statusCode(401);
        whoami(genuine, "genuine again").statusCode(200);
    }

    @Test
    void aCachedTokenIsRefusedOnceItExpires() {
        String token = token(UUID.randomUUID().toString(), Instant.now().plusSeconds(3));
        whoami(token, "fresh").statusCode(200);
        whoami(token, "cached").statusCode(200);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> whoami(token, "expired").statusCode(401));
    }

    @Test
    void anExpiredTokenIsNeverCached() {
        String token = token(UUID.randomUUID().toString(), Instant.now().minusSeconds(60));
        whoami(token, "one").statusCode(401);
        whoami(token, "two").statusCode(401);
    }
}
