package org.privacysuite.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.privacysuite.testsupport.IdentityDirectoryStub;
import org.privacysuite.testsupport.TestTokens;

/**
 * dsar-service's tests ask {@link IdentityDirectoryStub} instead of this service for an account's devices. This test
 * keeps the stub faithful: for the same links, its answer is the real answer, field for field (names, order, types
 * and values).
 */
@QuarkusTest
class IdentityDirectoryContractTest extends ConsentTestBase {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theStubAnswersLikeTheRealDeviceLookup() throws Exception {
        String account = UUID.randomUUID().toString();
        List<String> linked = new ArrayList<>(List.of(TestTokens.newDevice(), TestTokens.newDevice()));
        linked.forEach(device -> DeviceLinkTest.link(TestTokens.user(account), device));
        linked.sort(String::compareTo); // the real answer lists them in id order

        assertSame(IdentityDirectoryStub.devicesJson(account, linked), real(account));
        String unknown = UUID.randomUUID().toString();
        assertSame(IdentityDirectoryStub.devicesJson(unknown, List.of()), real(unknown));
    }

    private String real(String subject) {
        return SubjectDevicesTest.devices(TestTokens.service(), subject).statusCode(200).extract().asString();
    }

    private void assertSame(String stubBody, String realBody) throws Exception {
        JsonNode stub = json.readTree(stubBody);
        JsonNode real = json.readTree(realBody);
        assertEquals(names(stub), names(real), "same fields in the same order");
        assertEquals(stub, real);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
