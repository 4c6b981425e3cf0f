package org.privacysuite.events.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.privacysuite.events.inbox.InboundEventHandler;
import org.privacysuite.events.kafka.InboundEvent;

/**
 * W3C trace context across Kafka, in the CloudEvents distributed-tracing extension ({@code traceparent},
 * {@code tracestate}; in binary mode the headers {@code ce_traceparent}, {@code ce_tracestate}). The outbox stores the
 * writer's context with the row, because the relay publishes later on another thread; the inbox consumer makes it
 * the parent of the span in which the handler runs, so whatever the handler publishes continues the same trace: one
 * erasure request is one trace from the gateway to FULFILLED. W3C format on the wire whatever the service's
 * propagators are, as the CloudEvents extension specifies.
 */
@ApplicationScoped
public class EventTraces {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    @Inject
    Tracer tracer;

    /** {@code traceparent} (and {@code tracestate}) of the current context; empty outside a valid span. */
    public static Map<String, String> current() {
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier;
    }

    /** The extension's attributes as a map; a {@code tracestate} means nothing without its {@code traceparent}. */
    public static Map<String, String> context(String traceparent, String tracestate) {
        Map<String, String> context = new HashMap<>();
        if (traceparent != null) {
            context.put(TRACEPARENT, traceparent);
            if (tracestate != null) {
                context.put(TRACESTATE, tracestate);
            }
        }
        return context;
    }

    /** The handler as it runs in a consumer span whose parent is the event's trace context, when it has one. */
    public InboundEventHandler traced(String consumer, InboundEventHandler handler) {
        return event -> {
            Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), event.traceContext(),
                    MAP_GETTER);
            Span span = tracer.spanBuilder("process " + consumer).setParent(parent).setSpanKind(SpanKind.CONSUMER)
                    .setAttribute("messaging.system", "kafka")
                    .setAttribute("messaging.consumer.group.name", consumer)
                    .setAttribute("messaging.message.id", event.id())
                    .setAttribute("cloudevents.event_type", event.type())
                    .startSpan();
            try (Scope ignored = span.makeCurrent()) {
                handler.handle(event);
            } catch (Exception | Error e) {
                span.recordException(e);
                span.setStatus(StatusCode.ERROR);
                throw e;
            } finally {
                span.end();
            }
        };
    }
}
