package org.privacysuite.events.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.privacysuite.events.kafka.CloudEventCodec;
import org.privacysuite.events.kafka.InboundEvent;

/** The W3C trace context goes onto the wire as CloudEvents attributes and a consumer's handler continues it. */
class EventTracesTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PRODUCER_SPAN = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PRODUCER_SPAN + "-01";

    @Test
    void theTraceContextTravelsAsTheDistributedTracingAttributes() {
        ProducerRecord<String, byte[]> sent = new CloudEventCodec().encode("consent.events",
                UUID.randomUUID().toString(), "test.unknown.v1", URI.create("/test"), "subject-1", Instant.now(),
                "{}".getBytes(), null, Map.of("traceparent", TRACEPARENT, "tracestate", "vendor=1"));
        assertEquals(TRACEPARENT, new String(sent.headers().lastHeader("ce_traceparent").value()));
        assertEquals("vendor=1", new String(sent.headers().lastHeader("ce_tracestate").value()));

        ConsumerRecord<String, byte[]> received = new ConsumerRecord<>(sent.topic(), 0, 0L, sent.key(), sent.value());
        sent.headers().forEach(h -> received.headers().add(h));
        assertEquals(Map.of("traceparent", TRACEPARENT, "tracestate", "vendor=1"),
                new CloudEventCodec().decode(received).traceContext());
    }

    @Test
    void theHandlerRunsInASpanOfTheEventsTraceSoWhatItPublishesContinuesIt() throws Exception {
        EventTraces traces = new EventTraces();
        traces.tracer = SdkTracerProvider.builder().build().get("test");
        InboundEvent event = new InboundEvent(UUID.randomUUID().toString(), "test.unknown.v1", URI.create("/test"),
                null, "subject-1", Optional.empty(), Optional.empty(),
                OptionalLong.empty(), Map.of("traceparent", TRACEPARENT));
        AtomicReference<Map<String, String>> seen = new AtomicReference<>();

        traces.traced("test-consumer", e -> seen.set(EventTraces.current())).handle(event);

        String[] fields = seen.get().get("traceparent").split("-");
        assertEquals(TRACE_ID, fields[1], "the producer's trace");
        assertNotEquals(PRODUCER_SPAN, fields[2], "the consumer's own span, a child of the producer's");
        assertEquals(Map.of(), EventTraces.current(), "nothing outside the handler");
    }
}
