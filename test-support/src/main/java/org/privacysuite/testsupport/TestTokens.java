package org.privacysuite.testsupport;

import io.smallrye.jwt.build.Jwt;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Tokens shaped like the realm's (roles in {@code realm_access.roles}, subject id in {@code sub}), signed by the
 * quarkus-test-oidc-server key, so that each test can act as its own fresh person. Use with
 * {@code OidcWiremockTestResource} and {@code quarkus.oidc.auth-server-url=${keycloak.url}/realms/quarkus/}.
 */
public final class TestTokens {

    private TestTokens() {
    }

    public static String user(String subject) {
        return token(subject, List.of("user"));
    }

    public static String officer() {
        return token(UUID.randomUUID().toString(), List.of("user", "privacy-officer"));
    }

    public static String service() {
        return token(UUID.randomUUID().toString(), List.of("service"));
    }

    public static String token(String subject, List<String> roles) {
        return Jwt.preferredUserName("user-" + subject.substring(0, 8))
                .subject(subject)
                .issuer("https://server.example.com")
                .audience("https://server.example.com")
                .claim("realm_access", Map.of("roles", roles))
                .jws().keyId("1")
                .sign("privateKey.jwk");
    }

    /** A device id as a browser makes it (random UUID). */
    public static String newDevice() {
        return UUID.randomUUID().toString();
    }

    /** A user token carrying an {@code email} claim, verified or not by the identity provider. */
    public static String userWithEmail(String subject, String email, boolean emailVerified) {
        return Jwt.preferredUserName("user-" + subject.substring(0, 8))
                .subject(subject)
                .issuer("https://server.example.com")
                .audience("https://server.example.com")
                .claim("realm_access", Map.of("roles", List.of("user")))
                .claim("email", email)
                .claim("email_verified", emailVerified)
                .jws().keyId("1")
                .sign("privateKey.jwk");
    }
}
