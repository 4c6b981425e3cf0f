package org.privacysuite.gateway.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceContextTest {

    private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void readsAValidHeader() {
        TraceContext trace = TraceContext.parse(VALID);
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", trace.traceId());
        assertEquals("00f067aa0ba902b7", trace.parentId());
        assertEquals("01", trace.flags());
        assertEquals(VALID, trace.header());
    }

    @Test
    void theNextHopKeepsTraceAndFlagsWithANewParent() {
        TraceContext next = TraceContext.parse(VALID.replace("-01", "-00")).nextHop();
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", next.traceId());
        assertEquals("00", next.flags());
        assertNotEquals("00f067aa0ba902b7", next.parentId());
        assertTrue(next.header().matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00"));
    }

    @Test
    void aLaterVersionIsReadForItsFirstFieldsAndSentOnAsVersion00() {
        TraceContext trace = TraceContext.parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra");
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", trace.traceId());
        assertTrue(trace.header().startsWith("00-"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "garbage",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra", // version 00 has exactly four fields
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", // uppercase
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // zero trace id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", // zero parent id
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // forbidden version
            "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" })
    void discardsWhatIsNotValid(String header) {
        assertNull(TraceContext.parse(header));
    }

    @Test
    void aNewTraceIsValidAndSampled() {
        TraceContext trace = TraceContext.newTrace();
        assertEquals(trace, TraceContext.parse(trace.header()));
        assertEquals("01", trace.flags());
    }
}
