package org.privacysuite.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the two lookups dsar-service resolves a request's identities with, for dsar-service's own tests:
 * account-service's {@code POST /api/accounts/identities} (the account behind a verified e-mail, the verified e-mail
 * of an account) and consent-service's {@code GET /api/consent/subjects/{subjectId}/devices} (the devices linked to
 * an account), with the token endpoint their caller uses. The answers are built by {@link #accountsJson} and
 * {@link #devicesJson}, which account-service's and consent-service's own tests compare with their real answers, so
 * the stub cannot drift. Unknown identities resolve to nothing, as in the real services.
 */
public class IdentityDirectoryStub implements QuarkusTestResourceLifecycleManager {

    public static final String ACCOUNTS = "/api/accounts/identities";
    public static final String DEVICES = "/api/consent/subjects/[^/]+/devices";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer server;

    /** An account as account-service's lookup answers it. */
    public record Account(String subjectId, String email) {
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        reset();
        return ServiceTokenEndpoint.clientConfig(server, "account-service", "consent-service");
    }

    /** Nobody is known again, and both services answer. */
    public static void reset() {
        server.resetAll();
        ServiceTokenEndpoint.stub(server);
        server.stubFor(post(urlPathEqualTo(ACCOUNTS)).atPriority(100).willReturn(okJson(accountsJson(List.of()))));
        // the subject from the path, as the real service echoes it (devicesJson, with no devices)
        server.stubFor(get(urlPathMatching(DEVICES)).atPriority(100)
                .willReturn(okJson("{\"subject\":\"{{request.pathSegments.[3]}}\",\"devices\":[]}")
                        .withTransformers("response-template")));
    }

    /** account-service knows this account with this verified address: asked by either, it answers with it. */
    public static void account(String subjectId, String email) {
        String body = accountsJson(List.of(new Account(subjectId, email)));
        server.stubFor(post(urlPathEqualTo(ACCOUNTS)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.emails[?(@ == '" + email + "')]")).willReturn(okJson(body)));
        server.stubFor(post(urlPathEqualTo(ACCOUNTS)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.subjectIds[?(@ == '" + subjectId + "')]"))
                .willReturn(okJson(body)));
    }

    /** consent-service knows these devices as linked to the account. */
    public static void devices(String subjectId, String... deviceIds) {
        server.stubFor(get(urlPathEqualTo("/api/consent/subjects/" + subjectId + "/devices")).atPriority(1)
                .willReturn(okJson(devicesJson(subjectId, List.of(deviceIds)))));
    }

    /** Both lookups fail (the services are down) until {@link #reset}. */
    public static void unavailable() {
        server.stubFor(post(urlPathEqualTo(ACCOUNTS)).atPriority(0).willReturn(aResponse().withStatus(503)));
        server.stubFor(get(urlPathMatching(DEVICES)).atPriority(0).willReturn(aResponse().withStatus(503)));
    }

    /** How often account-service's lookup was asked. */
    public static int accountLookups() {
        return server.findAll(postRequestedFor(urlPathEqualTo(ACCOUNTS))).size();
    }

    /** account-service's answer, field for field: {@code {"accounts": [{"subjectId", "email"}]}}. */
    public static String accountsJson(List<Account> accounts) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("accounts");
        accounts.forEach(a -> list.addObject().put("subjectId", a.subjectId()).put("email", a.email()));
        return body.toString();
    }

    /** consent-service's answer, field for field: {@code {"subject", "devices": [...]}}. */
    public static String devicesJson(String subjectId, List<String> deviceIds) {
        ObjectNode body = JSON.createObjectNode();
        body.put("subject", subjectId);
        ArrayNode devices = body.putArray("devices");
        deviceIds.forEach(devices::add);
        return body.toString();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
