package org.privacysuite.dsar;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.privacysuite.events.catalogue.EventData;
import org.privacysuite.events.catalogue.EventType;
import org.privacysuite.events.kafka.CloudEventCodec;
import org.privacysuite.events.kafka.KafkaClients;
import org.privacysuite.testsupport.KafkaBroker;
import org.privacysuite.testsupport.TestDatabase;
import org.privacysuite.testsupport.TestTokens;

@WithTestResource(KafkaBroker.class)
@WithTestResource(value = TestDatabase.class, initArgs = @ResourceArg(name = "name", value = "dsar"))
@WithTestResource(OidcWiremockTestResource.class)
public abstract class DsarTestBase {

    @Inject
    KafkaClients clients;

    @Inject
    CloudEventCodec codec;

    static ValidatableResponse submit(String token, Object body) {
        var request = given().contentType("application/json").body(body);
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.when().post("/api/privacy-requests").then();
    }

    static ValidatableResponse get(String token, String id) {
        return given().auth().oauth2(token).when().get("/api/privacy-requests/" + id).then();
    }

    protected static ValidatableResponse act(String id, String action, Object body) {
        var request = given().auth().oauth2(TestTokens.officer());
        if (body != null) {
            request = request.contentType("application/json").body(body);
        }
        return request.when().post("/api/privacy-requests/" + id + "/" + action).then();
    }

    /** Sends an event as a participant service would, with the given event id. */
    void send(String eventId, EventData data, String source) throws Exception {
        EventType type = EventType.of(data).orElseThrow();
        clients.producer().send(codec.encode(type.topic(), eventId, type.type(), URI.create(source), data.subjectId(),
                Instant.now(), codec.toJson(data))).get(10, TimeUnit.SECONDS);
    }

    void send(EventData data, String source) throws Exception {
        send(UUID.randomUUID().toString(), data, source);
    }
}
