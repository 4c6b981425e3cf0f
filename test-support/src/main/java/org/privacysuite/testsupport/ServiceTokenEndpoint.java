package org.privacysuite.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.Map;

/**
 * The realm's token endpoint as a stand-in service's caller sees it (client credentials of {@code privacy-services}):
 * stubbed on the stand-in's own server, and the quarkus-oidc-client settings that point the caller at it. Shared by
 * the stubs of the other services (consent-service's check, the identity lookups).
 */
final class ServiceTokenEndpoint {

    private ServiceTokenEndpoint() {
    }

    static void stub(WireMockServer server) {
        server.stubFor(post(urlPathEqualTo("/realms/privacy/protocol/openid-connect/token"))
                .willReturn(okJson("{\"access_token\":\"stub-service-token\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
    }

    /** The oidc-client settings, plus the rest-client base URL of each named service, all pointing at the server. */
    static Map<String, String> clientConfig(WireMockServer server, String... services) {
        Map<String, String> config = new java.util.HashMap<>(Map.of(
                "quarkus.oidc-client.auth-server-url", server.baseUrl() + "/realms/privacy",
                "quarkus.oidc-client.discovery-enabled", "false",
                "quarkus.oidc-client.token-path", "/protocol/openid-connect/token",
                "quarkus.oidc-client.credentials.secret", "stub-secret"));
        for (String service : services) {
            config.put("quarkus.rest-client." + service + ".url", server.baseUrl());
        }
        return Map.copyOf(config);
    }
}
