package org.privacysuite.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a portable access answer's {@code data} (privacy-events' {@code AccessRequested#portable}), checked the
 * same way in every participant's tests: one key per portable record type, each an array of flat rows (scalars only)
 * whose keys are the same, in the same order, in every row of the type.
 */
public final class PortableShape {

    private PortableShape() {
    }

    /** @param recordTypes the record types the participant declares provided or observed, in declaration order */
    public static void assertPortable(JsonNode data, List<String> recordTypes) {
        assertEquals(recordTypes, names(data), "exactly the declared provided and observed record types");
        data.properties().forEach(type -> {
            assertTrue(type.getValue().isArray(), type.getKey());
            List<String> keys = null;
            for (JsonNode row : type.getValue()) {
                assertTrue(row.isObject(), type.getKey());
                row.forEach(value -> assertTrue(value.isValueNode(), type.getKey() + " is not flat: " + row));
                if (keys != null) {
                    assertEquals(keys, names(row), type.getKey() + ": the same keys in the same order");
                }
                keys = names(row);
            }
        });
    }

    /** The field names of an object, in order. */
    public static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
