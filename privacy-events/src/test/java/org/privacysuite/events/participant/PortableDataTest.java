package org.privacysuite.events.participant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.privacysuite.events.catalogue.DataOrigin;
import org.privacysuite.events.catalogue.ParticipantDeclared.DeclaredRecordType;

class PortableDataTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final List<DeclaredRecordType> DECLARED = List.of(
            DeclaredRecordType.deleted("profile", "given").from(DataOrigin.PROVIDED),
            DeclaredRecordType.deleted("usage", "seen").from(DataOrigin.OBSERVED),
            DeclaredRecordType.deleted("interests", "inferred").from(DataOrigin.DERIVED),
            DeclaredRecordType.deleted("legacy", "no origin declared"));

    record Usage(String program, long seconds, Instant at, Boolean personalised) {
    }

    @Test
    void onlyPortableTypesInDeclarationOrderWithFlatRows() {
        var data = PortableData.of(DECLARED)
                .rows("usage", List.of(new Usage("eco", 60, Instant.parse("2026-01-02T03:04:05Z"), null),
                        new Usage("quick", 30, null, true)))
                .rows("profile", List.of(Map.of("city", "Lyon")))
                .toJson(JSON);
        assertEquals(List.of("profile", "usage"), iterable(data.fieldNames()));
        assertEquals("{\"program\":\"eco\",\"seconds\":60,\"at\":\"2026-01-02T03:04:05Z\",\"personalised\":null}",
                data.get("usage").get(0).toString());
        assertEquals(List.of("program", "seconds", "at", "personalised"), iterable(data.get("usage").get(1).fieldNames()));
    }

    @Test
    void whatIsNotPortableOrNotFlatIsRefused() {
        assertThrows(IllegalStateException.class, () -> PortableData.of(DECLARED).rows("interests", List.of()));
        assertThrows(IllegalStateException.class, () -> PortableData.of(DECLARED).rows("legacy", List.of()));
        assertThrows(IllegalStateException.class, () -> PortableData.of(DECLARED).rows("profile", List.of())
                .toJson(JSON), "usage has no rows");
        assertThrows(IllegalStateException.class, () -> PortableData.of(DECLARED).rows("usage", List.of())
                .rows("profile", List.of(Map.of("topics", List.of("a", "b")))).toJson(JSON));
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("a", 1);
        first.put("b", 2);
        Map<String, Object> swapped = new LinkedHashMap<>();
        swapped.put("b", 2);
        swapped.put("a", 1);
        assertThrows(IllegalStateException.class, () -> PortableData.of(DECLARED).rows("usage", List.of())
                .rows("profile", List.of(first, swapped)).toJson(JSON));
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> out = new java.util.ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }
}
