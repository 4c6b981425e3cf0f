package org.privacysuite.gateway.support;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.build.Jwt;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** Access tokens signed with the key of the mock OIDC server, shaped like the realm's (azp, sub, typ Bearer). */
public final class Tokens {

    private static final String ISSUER = "https://server.example.com";

    private Tokens() {
    }

    public static String user(String subject) {
        return OidcWiremockTestResource.generateJwtToken(subject, Set.of("user"), subject, "Bearer", Set.of(ISSUER),
                Map.of("azp", "privacy-web"));
    }

    public static String expired(String subject) {
        return Jwt.preferredUserName(subject)
                .issuer(ISSUER)
                .subject(subject)
                .claim("typ", "Bearer")
                .issuedAt(Instant.now().minusSeconds(3600))
                .expiresAt(Instant.now().minusSeconds(1800))
                .jws().keyId("1")
                .sign("privateKey.jwk");
    }

    /** A well-formed token whose signature does not match its content. */
    public static String tampered(String subject) {
        String token = user(subject);
        String[] parts = token.split("\\.");
        String otherPayload = user(subject + "-other").split("\\.")[1];
        return parts[0] + "." + otherPayload + "." + parts[2];
    }
}
