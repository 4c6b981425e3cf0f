package org.privacysuite.consent;

import io.smallrye.jwt.build.Jwt;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Tokens shaped like the realm's (roles in {@code realm_access.roles}, subject id in {@code sub}), signed by the
 * quarkus-test-oidc-server key, so that each test can act as its own fresh person.
 */
final class Tokens {

    private Tokens() {
    }

    static String user(String subject) {
        return token(subject, List.of("user"));
    }

    static String officer() {
        return token(UUID.randomUUID().toString(), List.of("user", "privacy-officer"));
    }

    static String service() {
        return token(UUID.randomUUID().toString(), List.of("service"));
    }

    static String token(String subject, List<String> roles) {
        return Jwt.preferredUserName("user-" + subject.substring(0, 8))
                .subject(subject)
                .issuer("https://server.example.com")
                .audience("https://server.example.com")
                .claim("realm_access", Map.of("roles", roles))
                .jws().keyId("1")
                .sign("privateKey.jwk");
    }

    static String newDevice() {
        return UUID.randomUUID().toString();
    }
}
