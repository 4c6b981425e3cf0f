package org.privacysuite.consent;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.privacysuite.testsupport.ConsentStub;
import org.privacysuite.testsupport.TestTokens;

/**
 * Other services' tests use {@link ConsentStub} instead of this service. This test keeps the stub faithful: for the
 * same situations, its answers have the same fields, types and meaning as the real ones.
 */
@QuarkusTest
class ConsentStubContractTest extends ConsentTestBase {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void stubAnswersLikeTheRealCheck() throws Exception {
        String granted = TestTokens.newDevice();
        String refused = TestTokens.newDevice();
        DeviceConsentTest.put(granted, Map.of("choices", Map.of("analytics-cookies", true), "method", "custom"))
                .statusCode(200);
        DeviceConsentTest.put(refused, Map.of("choices", Map.of("analytics-cookies", false), "method", "custom"))
                .statusCode(200);

        assertSameShape(real(granted), ConsentStub.decisionJson(granted, "analytics-cookies", true, "granted"));
        assertSameShape(real(refused), ConsentStub.decisionJson(refused, "analytics-cookies", false, "refused"));
    }

    private String real(String subject) {
        return given().auth().oauth2(TestTokens.service())
                .queryParam("subject", subject).queryParam("purpose", "analytics-cookies")
                .when().get("/api/consent/check").then().statusCode(200).extract().asString();
    }

    private void assertSameShape(String realBody, String stubBody) throws Exception {
        JsonNode real = json.readTree(realBody);
        JsonNode stub = json.readTree(stubBody);
        assertEquals(names(real), names(stub), "same fields");
        for (String field : names(real)) {
            assertEquals(real.get(field).getNodeType(), stub.get(field).getNodeType(), "type of " + field);
        }
        for (String field : List.of("allowed", "purpose", "subject", "reason")) {
            assertEquals(real.get(field), stub.get(field), field);
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(String::compareTo);
        return names;
    }
}
