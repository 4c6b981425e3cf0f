package org.privacysuite.gateway.tracing;

/** What ties one request together across the gateway, the services and their logs. */
public record RequestTrace(String correlationId, TraceContext traceContext) {

    public static final String CONTEXT_KEY = RequestTrace.class.getName();
    public static final String TRACEPARENT = "traceparent";
    public static final String CORRELATION_ID = "X-Correlation-Id";
}
