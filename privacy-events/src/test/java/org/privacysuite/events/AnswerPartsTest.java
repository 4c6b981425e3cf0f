package org.privacysuite.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.privacysuite.events.catalogue.AnswerParts;

/** The wire rule of a multi-part access answer: cut where it may be, joined back exactly. */
class AnswerPartsTest {

    private static final int ALLOWANCE = 64 * 1024;
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void anAnswerThatFitsIsSentAsItIs() throws Exception {
        ObjectNode data = (ObjectNode) mapper.readTree("{\"subjectId\":\"s-1\",\"decisions\":[{\"purpose\":\"ads\"}]}");
        List<ObjectNode> parts = AnswerParts.split(data, mapper, 1024 * 1024);
        assertEquals(1, parts.size());
        assertSame(data, parts.get(0));
    }

    @Test
    void anArrayIsCutBetweenElementsAndEachPartKeepsTheShape() throws Exception {
        String a = "a".repeat(50_000);
        String b = "b".repeat(50_000);
        String c = "c".repeat(50_000);
        ObjectNode data = (ObjectNode) mapper.readTree("{\"subjectId\":\"s-1\",\"rows\":[\"" + a + "\",\"" + b + "\",\""
                + c + "\"],\"done\":true}");
        // room for two of the 50,002-byte elements per part, not three
        List<ObjectNode> parts = AnswerParts.split(data, mapper, ALLOWANCE + 110_000);
        assertEquals(2, parts.size());
        assertEquals(mapper.readTree("{\"subjectId\":\"s-1\",\"rows\":[\"" + a + "\",\"" + b + "\"]}"), parts.get(0));
        assertEquals(mapper.readTree("{\"rows\":[\"" + c + "\"],\"done\":true}"), parts.get(1));
        assertEquals(mapper.writeValueAsString(data), mapper.writeValueAsString(AnswerParts.join(parts)));
    }

    @Test
    void anObjectIsCutBetweenFieldsAtAnyDepth() throws Exception {
        String big = "x".repeat(60_000);
        ObjectNode data = (ObjectNode) mapper.readTree("{\"currentChoices\":{\"device-1\":{\"ads\":\"" + big
                + "\"},\"device-2\":{\"ads\":\"" + big + "\"}}}");
        List<ObjectNode> parts = AnswerParts.split(data, mapper, ALLOWANCE + 100_000);
        assertEquals(2, parts.size());
        assertEquals(mapper.readTree("{\"currentChoices\":{\"device-1\":{\"ads\":\"" + big + "\"}}}"), parts.get(0));
        assertEquals(mapper.readTree("{\"currentChoices\":{\"device-2\":{\"ads\":\"" + big + "\"}}}"), parts.get(1));
        assertEquals(data, AnswerParts.join(parts));
    }

    @Test
    void aLargeExportComesBackExactlyAndNoPartIsOverTheBudget() throws Exception {
        ObjectNode data = mapper.createObjectNode();
        data.put("subjectId", "subject-1");
        ObjectNode current = data.putObject("currentChoices");
        ArrayNode decisions = data.putArray("decisions");
        ArrayNode receipts = data.putArray("receipts");
        data.putArray("nothing");
        Random random = new Random(18);
        for (int i = 0; i < 6_000; i++) {
            ObjectNode decision = decisions.addObject();
            decision.put("recordId", "r-" + i).put("purpose", "purpose-" + random.nextInt(4))
                    .put("granted", random.nextBoolean()).put("pageUrl", "https://shop.example.com/" + "p".repeat(
                            random.nextInt(300))).putNull("ipTruncated");
            if (i % 4 == 0) {
                receipts.addObject().put("receiptId", "rc-" + i).putArray("purposes").add("x".repeat(2_000));
            }
            if (i % 100 == 0) {
                current.putObject("device-" + i).put("ads", random.nextBoolean());
            }
        }
        int budget = 512 * 1024;
        List<ObjectNode> parts = AnswerParts.split(data, mapper, budget);
        assertTrue(parts.size() > 3, "cut into " + parts.size());
        for (ObjectNode part : parts) {
            assertTrue(mapper.writeValueAsBytes(part).length <= budget, "a part within the budget");
        }
        String whole = mapper.writeValueAsString(data);
        List<JsonNode> received = new ArrayList<>();
        for (ObjectNode part : parts) {
            received.add(mapper.readTree(mapper.writeValueAsBytes(part))); // as a reader gets them off the wire
        }
        assertEquals(whole, mapper.writeValueAsString(AnswerParts.join(received)));
    }

    @Test
    void anElementLargerThanAPartIsRefused() throws Exception {
        ObjectNode data = (ObjectNode) mapper.readTree("{\"rows\":[\"" + "z".repeat(200_000) + "\"]}");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> AnswerParts.split(data, mapper, ALLOWANCE + 100_000));
        assertTrue(refused.getMessage().contains("element"), refused.getMessage());
    }
}
