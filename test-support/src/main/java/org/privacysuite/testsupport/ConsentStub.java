package org.privacysuite.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A stand-in for consent-service's {@code GET /api/consent/check} (and the token endpoint its callers use), for
 * the tests of services that ask for consent. Its answers have exactly the real endpoint's shape: consent-service's
 * own tests compare {@link #decisionJson} with the real answers (ConsentStubContractTest), so the stub cannot drift.
 * Unknown subjects are refused with reason {@code no-decision}, as the real service does.
 */
public class ConsentStub implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHECK = "/api/consent/check";
    private static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        reset();
        return ServiceTokenEndpoint.clientConfig(server, "consent-service");
    }

    /** Forgets every decision: all subjects are unknown again. */
    public static void reset() {
        server.resetMappings();
        ServiceTokenEndpoint.stub(server);
        server.stubFor(get(urlPathEqualTo(CHECK)).atPriority(100)
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"allowed\":false,\"purpose\":\"{{request.query.purpose}}\","
                                + "\"subject\":\"{{request.query.subject}}\",\"noticeVersion\":null,"
                                + "\"decidedAt\":null,\"reason\":\"no-decision\"}")
                        .withTransformers("response-template")));
    }

    public static void grant(String subject, String purpose) {
        answer(subject, purpose, decisionJson(subject, purpose, true, "granted"));
    }

    public static void refuse(String subject, String purpose) {
        answer(subject, purpose, decisionJson(subject, purpose, false, "refused"));
    }

    /** consent-service fails for this subject (to check that callers fail closed). */
    public static void fail(String subject, String purpose) {
        server.stubFor(get(urlPathEqualTo(CHECK)).atPriority(1)
                .withQueryParam("subject", equalTo(subject)).withQueryParam("purpose", equalTo(purpose))
                .willReturn(aResponse().withStatus(503)));
    }

    /** How often the check was asked for this subject and purpose. */
    public static int checksFor(String subject, String purpose) {
        return server.countRequestsMatching(getRequestedFor(urlPathEqualTo(CHECK))
                .withQueryParam("subject", equalTo(subject)).withQueryParam("purpose", equalTo(purpose)).build())
                .getCount();
    }

    /** The answer body the stub gives for a decided subject, field for field as consent-service writes it. */
    public static String decisionJson(String subject, String purpose, boolean allowed, String reason) {
        ObjectNode body = JSON.createObjectNode();
        body.put("allowed", allowed);
        body.put("purpose", purpose);
        body.put("subject", subject);
        body.put("noticeVersion", 1);
        body.put("decidedAt", "2026-11-25T10:00:00Z");
        body.put("reason", reason);
        return body.toString();
    }

    private static void answer(String subject, String purpose, String body) {
        server.stubFor(get(urlPathEqualTo(CHECK)).atPriority(1)
                .withQueryParam("subject", equalTo(subject)).withQueryParam("purpose", equalTo(purpose))
                .willReturn(okJson(body)));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
