package org.privacysuite.events.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Cuts an access answer's {@code data} into parts that each fit a record, and joins them back: the wire rule of a
 * multi-part {@link AccessCompleted}, written once for the participants that cut and dsar-service that joins.
 * <p>
 * Each part is a JSON object shaped like the whole and holding a run of it. An object too large is cut between its
 * fields, an array between its elements; nothing else is cut (an element of an array, a scalar). A reader joins the
 * parts in order: an array met again is continued, an object met again is filled in, recursively; a scalar is met
 * once. So a reader that knows nothing of the answer's shape (a non-Java consumer, the export) gets it back exactly,
 * key order included, and each part on its own holds whole rows rather than a fragment of text.
 */
public final class AnswerParts {

    /** Room for the keys and brackets of the containers that a part repeats to hold its run. */
    private static final int STRUCTURE_ALLOWANCE = 64 * 1024;

    private final ObjectMapper mapper;
    private final long budget;
    private final List<ObjectNode> parts = new ArrayList<>();
    private final Map<JsonNode, Long> sizes = new IdentityHashMap<>();
    private ObjectNode current = JsonNodeFactory.instance.objectNode();
    private long used;

    private AnswerParts(ObjectMapper mapper, long budget) {
        this.mapper = mapper;
        this.budget = budget;
    }

    /**
     * The data in parts of at most {@code budget} bytes each (as {@code mapper} writes them), or the data alone when
     * it fits.
     *
     * @throws IllegalArgumentException when an array's element, or a scalar, is over the budget on its own
     */
    public static List<ObjectNode> split(ObjectNode data, ObjectMapper mapper, int budget) {
        if (budget <= 2 * STRUCTURE_ALLOWANCE) {
            throw new IllegalArgumentException("A part budget must be over " + 2 * STRUCTURE_ALLOWANCE + " bytes");
        }
        AnswerParts cutter = new AnswerParts(mapper, budget - STRUCTURE_ALLOWANCE);
        if (cutter.measure(data) <= cutter.budget) {
            return List.of(data);
        }
        Slot root = cutter.new Slot(null, null, false);
        data.fields().forEachRemaining(field -> cutter.place(field.getValue(), root, field.getKey()));
        cutter.parts.add(cutter.current);
        return List.copyOf(cutter.parts);
    }

    /** The whole data from its parts, given in part order. */
    public static ObjectNode join(List<? extends JsonNode> parts) {
        ObjectNode whole = JsonNodeFactory.instance.objectNode();
        parts.forEach(part -> fill(whole, (ObjectNode) part));
        return whole;
    }

    private static void fill(ObjectNode into, ObjectNode from) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = from.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode had = into.get(field.getKey());
            JsonNode more = field.getValue();
            if (had instanceof ArrayNode array && more instanceof ArrayNode rest) {
                array.addAll(rest);
            } else if (had instanceof ObjectNode object && more instanceof ObjectNode rest) {
                fill(object, rest);
            } else {
                into.set(field.getKey(), more);
            }
        }
    }

    /**
     * Puts a piece in its container in the current part ({@code field} null: as the array's next element), in a new
     * part when it does not fit there, or cut when it fits in no part.
     */
    private void place(JsonNode piece, Slot container, String field) {
        Long measured = sizes.get(piece);
        long size = (measured != null ? measured : count(piece)) + (field == null ? 1 : utf8Length(field) + 4);
        if (size > budget && field != null && piece.isContainerNode() && !piece.isEmpty()) {
            Slot inner = new Slot(container, field, piece.isArray());
            if (piece instanceof ArrayNode array) {
                array.forEach(element -> place(element, inner, null));
            } else {
                piece.fields().forEachRemaining(f -> place(f.getValue(), inner, f.getKey()));
            }
            return;
        }
        if (size > budget) {
            throw new IllegalArgumentException("An access answer holds one " + (field == null ? "element" : "value")
                    + " of " + size + " bytes, more than a part takes (" + budget + ")");
        }
        if (used > 0 && used + size > budget) {
            parts.add(current);
            current = JsonNodeFactory.instance.objectNode();
            used = 0;
        }
        JsonNode into = container.node();
        if (field == null) {
            ((ArrayNode) into).add(piece);
        } else {
            ((ObjectNode) into).set(field, piece);
        }
        used += size;
    }

    /**
     * The node's size as written, remembered for it and for every container and array element inside it, so that
     * each byte is counted once: an array's elements (rows) are written one by one, never their fields.
     */
    private long measure(JsonNode node) {
        long size;
        if (node instanceof ArrayNode array) {
            size = 1 + Math.max(1, array.size());
            for (JsonNode element : array) {
                long bytes = count(element);
                sizes.put(element, bytes);
                size += bytes;
            }
        } else if (node instanceof ObjectNode object) {
            size = 1 + Math.max(1, object.size());
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                size += utf8Length(field.getKey()) + 3 + measure(field.getValue());
            }
        } else {
            size = count(node);
        }
        sizes.put(node, size);
        return size;
    }

    /** Counted as written, not collected into an array. */
    private long count(JsonNode node) {
        ByteCount count = new ByteCount();
        try {
            mapper.writeValue(count, node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return count.bytes;
    }

    private static final class ByteCount extends OutputStream {
        private long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** A container being cut: made afresh, under its own container, in each part that holds some of it. */
    private final class Slot {
        private final Slot parent;
        private final String field;
        private final boolean array;
        private JsonNode node;
        private int madeInPart = -1;

        Slot(Slot parent, String field, boolean array) {
            this.parent = parent;
            this.field = field;
            this.array = array;
        }

        JsonNode node() {
            if (parent == null) {
                return current;
            }
            if (madeInPart != parts.size()) {
                ObjectNode in = (ObjectNode) parent.node();
                node = array ? in.putArray(field) : in.putObject(field);
                madeInPart = parts.size();
            }
            return node;
        }
    }
}
