package org.privacysuite.gateway.tracing;

import io.opentelemetry.api.trace.Span;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.privacysuite.gateway.routing.GatewayRoute;

/**
 * Gives every proxied request a W3C {@code traceparent} and a correlation id (forwarded to the service, the
 * correlation id also returned to the client), and writes one access log line per request. With OpenTelemetry on
 * (docs/operations.md, Tracing) the {@code traceparent} is the gateway's own server span, which already continues
 * the client's trace, so the services' spans hang under an exported span; off, the gateway makes the hop itself.
 *
 * <p>The correlation id is the client's {@code X-Correlation-Id} when it sends a sane one, else the trace id, so
 * that one value finds the request in every log. The access log names method, path, status, time, route and both
 * ids, but neither the query string (subject ids, unsubscribe tokens) nor the client address: this suite keeps
 * personal data out of its logs. Device ids, which are bearer secrets (docs/identity.md, Devices), are replaced in the
 * logged path ({@link #loggablePath}).
 */
@Singleton
public class RequestTracing implements Handler<RoutingContext> {

    private static final Logger ACCESS = Logger.getLogger("org.privacysuite.gateway.access");
    private static final Pattern SANE_CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    /** The segment after {@code /devices/} (consent's device and link paths) is a device id. */
    private static final Pattern DEVICE_SEGMENT = Pattern.compile("(/devices/)[^/]+");

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        TraceContext trace = TraceContext.of(Span.current().getSpanContext()).orElseGet(() -> {
            TraceContext incoming = TraceContext.parse(request.getHeader(RequestTrace.TRACEPARENT));
            return incoming != null ? incoming.nextHop() : TraceContext.newTrace();
        });
        String offered = request.getHeader(RequestTrace.CORRELATION_ID);
        String correlationId = offered != null && SANE_CORRELATION_ID.matcher(offered).matches()
                ? offered : trace.traceId();
        ctx.put(RequestTrace.CONTEXT_KEY, new RequestTrace(correlationId, trace));

        // set at the very end so that it replaces, rather than doubles, an id the service echoes
        ctx.addHeadersEndHandler(ignored -> ctx.response().headers().set(RequestTrace.CORRELATION_ID, correlationId));
        long start = System.nanoTime();
        if (ACCESS.isInfoEnabled()) {
            // plain concatenation: printf-style formatting was a noticeable share of the gateway's CPU per request
            ctx.addEndHandler(ignored -> ACCESS.info(request.method().name() + " " + loggablePath(ctx.normalizedPath()) + " "
                    + ctx.response().getStatusCode() + " " + (System.nanoTime() - start) / 1_000_000 + "ms route="
                    + ctx.<GatewayRoute>get(GatewayRoute.CONTEXT_KEY).id() + " correlationId=" + correlationId
                    + " traceId=" + trace.traceId()));
        }
        ctx.next();
    }

    /** The path as it may be logged: a device id in it becomes {@code {deviceId}}. */
    public static String loggablePath(String path) {
        return path == null ? null : DEVICE_SEGMENT.matcher(path).replaceAll("$1{deviceId}");
    }
}
