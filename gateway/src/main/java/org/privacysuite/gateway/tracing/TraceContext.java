package org.privacysuite.gateway.tracing;

import io.opentelemetry.api.trace.SpanContext;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A W3C Trace Context {@code traceparent} (https://www.w3.org/TR/trace-context/). The gateway acts as one hop of
 * the trace: it keeps the caller's trace id and flags and puts its own id in the parent-id field, or starts a new
 * trace when the caller sent none (or a malformed one, which the specification says to discard).
 */
public record TraceContext(String traceId, String parentId, String flags) {

    private static final String VERSION = "00";
    private static final int LENGTH = 55; // 00-<32 hex>-<16 hex>-<2 hex>
    private static final String ZERO_TRACE_ID = "0".repeat(32);
    private static final String ZERO_PARENT_ID = "0".repeat(16);

    /** The header's value, or null when it is missing or not valid. */
    public static TraceContext parse(String header) {
        if (header == null) {
            return null;
        }
        String value = header.trim();
        if (value.length() < LENGTH || value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-') {
            return null;
        }
        String version = value.substring(0, 2);
        // version 00 has exactly four fields; a later version may add fields, which a 00 parser ignores
        boolean shapeFits = VERSION.equals(version) ? value.length() == LENGTH
                : value.length() == LENGTH || value.charAt(LENGTH) == '-';
        String traceId = value.substring(3, 35);
        String parentId = value.substring(36, 52);
        String flags = value.substring(53, 55);
        if (!shapeFits || !isLowerHex(version) || "ff".equals(version) || !isLowerHex(traceId)
                || !isLowerHex(parentId) || !isLowerHex(flags)
                || ZERO_TRACE_ID.equals(traceId) || ZERO_PARENT_ID.equals(parentId)) {
            return null;
        }
        return new TraceContext(traceId, parentId, flags);
    }

    /**
     * A new trace. Sampled, because the gateway logs every request with its trace id; services that record traces
     * then record this one too.
     */
    public static TraceContext newTrace() {
        return new TraceContext(randomHex(2), randomHex(1), "01");
    }

    /** The context of an OpenTelemetry span, if it is a valid one (it is not while tracing is switched off). */
    public static Optional<TraceContext> of(SpanContext span) {
        return span.isValid() ? Optional.of(new TraceContext(span.getTraceId(), span.getSpanId(),
                span.getTraceFlags().asHex())) : Optional.empty();
    }

    /** The same trace with the gateway as the parent of the next hop. */
    public TraceContext nextHop() {
        return new TraceContext(traceId, randomHex(1), flags);
    }

    public String header() {
        return VERSION + "-" + traceId + "-" + parentId + "-" + flags;
    }

    /** {@code longs} random non-zero 64-bit values as lowercase hex, 16 characters each. */
    private static String randomHex(int longs) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder hex = new StringBuilder(16 * longs);
        for (int i = 0; i < longs; i++) {
            long value;
            do {
                value = random.nextLong();
            } while (value == 0);
            String part = Long.toHexString(value);
            hex.append("0".repeat(16 - part.length())).append(part);
        }
        return hex.toString();
    }

    private static boolean isLowerHex(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
