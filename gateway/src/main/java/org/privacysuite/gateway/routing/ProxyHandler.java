package org.privacysuite.gateway.routing;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.inject.Singleton;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;
import org.privacysuite.gateway.problem.GatewayProblems;
import org.privacysuite.gateway.tracing.RequestTrace;

/**
 * Forwards a request to the service that owns its route with Vert.x's HTTP proxy: bodies stream both ways,
 * hop-by-hop headers are dropped, everything else (Authorization, Sec-GPC, the service's status, headers and
 * problem bodies) passes through as it is. Only when no answer comes does the gateway answer itself: 503 when the
 * service cannot be reached or its circuit is open, 504 when it stays silent, 502 for anything else.
 */
@Singleton
public class ProxyHandler implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger(ProxyHandler.class);

    /** Forwarding headers the gateway writes itself; whatever a client sent under these names is not passed on. */
    private static final String X_FORWARDED_FOR = "X-Forwarded-For";
    private static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    private static final String X_FORWARDED_HOST = "X-Forwarded-Host";
    private static final String[] CLIENT_FORWARDING_HEADERS = { "Forwarded", "X-Forwarded-Port", "X-Forwarded-Prefix" };

    private final Upstreams upstreams;
    private final BodyLimit bodyLimit;
    private final GatewayProblems problems;

    ProxyHandler(Upstreams upstreams, BodyLimit bodyLimit, GatewayProblems problems) {
        this.upstreams = upstreams;
        this.bodyLimit = bodyLimit;
        this.problems = problems;
    }

    @Override
    public void handle(RoutingContext ctx) {
        GatewayRoute route = ctx.get(GatewayRoute.CONTEXT_KEY);
        ProxyRequest proxyRequest = ProxyRequest.reverseProxy(ctx.request());
        // The path the access policy was decided on is the path the service gets (no dot segments, no "//").
        String query = ctx.request().query();
        proxyRequest.setURI(query == null ? ctx.normalizedPath() : ctx.normalizedPath() + "?" + query);
        setForwardingHeaders(ctx, proxyRequest.headers());
        BoundedReadStream bounded = bodyLimit.bound(proxyRequest);

        upstreams.exchange(route.upstream(), upstreamRequest -> send(proxyRequest, bounded, upstreamRequest))
                .onSuccess(response -> response.send().onFailure(failure ->
                        // the client went away or the service broke off mid-body; the library reset both sides
                        LOG.debugf("Streaming the answer of %s failed: %s", route.upstream().serviceName(), failure)))
                .onFailure(failure -> answerFailure(ctx, proxyRequest, route.upstream(), failure));
    }

    private static Future<ProxyResponse> send(ProxyRequest proxyRequest, BoundedReadStream bounded,
            HttpClientRequest upstreamRequest) {
        // Failures reach us through the response future; without a handler Vert.x would also log each one as an
        // error, including the reset with which an oversized body is cut off.
        upstreamRequest.exceptionHandler(failure -> LOG.debugf("Upstream request failed: %s", failure));
        return proxyRequest.send(upstreamRequest).recover(failure -> Future.failedFuture(
                bounded != null && bounded.exceeded() ? new RequestBodyTooLarge() : failure));
    }

    private static void setForwardingHeaders(RoutingContext ctx, MultiMap headers) {
        HttpServerRequest request = ctx.request();
        for (String name : CLIENT_FORWARDING_HEADERS) {
            headers.remove(name);
        }
        // remoteAddress() and scheme() already reflect X-Forwarded-* when (and only when) the proxy in front is trusted.
        headers.set(X_FORWARDED_FOR, request.remoteAddress().hostAddress());
        headers.set(X_FORWARDED_PROTO, request.scheme());
        if (request.authority() != null) {
            headers.set(X_FORWARDED_HOST, request.authority().toString());
        } else {
            headers.remove(X_FORWARDED_HOST);
        }
        RequestTrace trace = ctx.get(RequestTrace.CONTEXT_KEY);
        headers.set(RequestTrace.TRACEPARENT, trace.traceContext().header());
        headers.set(RequestTrace.CORRELATION_ID, trace.correlationId());
    }

    private void answerFailure(RoutingContext ctx, ProxyRequest proxyRequest, UpstreamService upstream, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        proxyRequest.release(); // drains whatever is left of the request body
        String service = upstream.serviceName();
        String correlationId = ctx.<RequestTrace>get(RequestTrace.CONTEXT_KEY).correlationId();
        if (cause instanceof RequestBodyTooLarge) {
            bodyLimit.reject(ctx);
        } else if (cause instanceof CircuitBreakerOpenException) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(upstreams.circuitOpenDelay().toSeconds()));
            problems.send(ctx, 503, GatewayProblems.UPSTREAM_UNAVAILABLE,
                    "The " + service + " is failing; calls to it are paused for a moment.");
        } else if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
            LOG.warnf("%s cannot be reached (correlation id %s): %s", service, correlationId, cause.getMessage());
            problems.send(ctx, 503, GatewayProblems.UPSTREAM_UNAVAILABLE, "The " + service + " cannot be reached.");
        } else if (cause instanceof TimeoutException) {
            LOG.warnf("%s did not answer in time (correlation id %s)", service, correlationId);
            problems.send(ctx, 504, GatewayProblems.UPSTREAM_TIMEOUT, "The " + service + " did not answer in time.");
        } else {
            LOG.warnf("%s failed to answer (correlation id %s): %s", service, correlationId, cause.toString());
            problems.send(ctx, 502, GatewayProblems.BAD_GATEWAY, "The " + service + " did not give a valid answer.");
        }
    }
}
