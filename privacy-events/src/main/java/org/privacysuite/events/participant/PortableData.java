package org.privacysuite.events.participant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.privacysuite.events.catalogue.AccessRequested;
import org.privacysuite.events.catalogue.ParticipantDeclared.DeclaredRecordType;

/**
 * The {@code data} of a portable access answer ({@link AccessRequested#portable()}, GDPR Art. 20), built the same way
 * by every participant: one key per record type the participant declares portable (provided or observed), in the
 * order declared, each an array of flat rows. A row is an object of scalars (string, number, boolean or null) and
 * every row of a type has the same keys in the same order, so that dsar-service can write it as one CSV file.
 * <p>
 * Built from the participant's own declaration, so that what it exports and what it declares cannot drift: rows for
 * an undeclared or non-portable type, a portable type without rows, or a row that is not flat are a programming
 * error ({@link IllegalStateException}), never a package with a gap.
 */
public final class PortableData {

    private final Map<String, List<?>> rows = new LinkedHashMap<>();

    private PortableData(List<DeclaredRecordType> declared) {
        declared.stream().filter(DeclaredRecordType::portable).forEach(t -> rows.put(t.recordType(), null));
    }

    /** The package of a participant that declares these record types. */
    public static PortableData of(List<DeclaredRecordType> declared) {
        return new PortableData(declared);
    }

    /**
     * The rows of one portable record type: records or maps whose JSON is flat (an {@code Instant} becomes its
     * ISO-8601 text). Use an empty list when the person has none.
     */
    public PortableData rows(String recordType, List<?> typeRows) {
        if (!rows.containsKey(recordType)) {
            throw new IllegalStateException(recordType + " is not declared provided or observed: not portable");
        }
        rows.put(recordType, List.copyOf(typeRows));
        return this;
    }

    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode data = mapper.createObjectNode();
        rows.forEach((recordType, typeRows) -> {
            if (typeRows == null) {
                throw new IllegalStateException("No rows given for the portable record type " + recordType);
            }
            ArrayNode array = data.putArray(recordType);
            List<String> keys = null;
            for (Object row : typeRows) {
                JsonNode json = mapper.valueToTree(row);
                List<String> rowKeys = flatKeys(recordType, json);
                if (keys != null && !keys.equals(rowKeys)) {
                    throw new IllegalStateException("Rows of " + recordType + " differ in keys: " + keys + " / " + rowKeys);
                }
                keys = rowKeys;
                array.add(json);
            }
        });
        return data;
    }

    private static List<String> flatKeys(String recordType, JsonNode row) {
        if (!row.isObject()) {
            throw new IllegalStateException("A row of " + recordType + " is not an object");
        }
        List<String> keys = new ArrayList<>();
        row.properties().forEach(field -> {
            if (field.getValue().isContainerNode()) {
                throw new IllegalStateException(recordType + "." + field.getKey() + " is not a scalar");
            }
            keys.add(field.getKey());
        });
        return keys;
    }
}
