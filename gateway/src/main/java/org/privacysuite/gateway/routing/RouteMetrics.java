package org.privacysuite.gateway.routing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code gateway.requests}: one timer per route, upstream, method and status, so count, latency histogram and
 * status mix are there per route (Prometheus: {@code gateway_requests_seconds_bucket|count|sum}). It covers the
 * gateway's own refusals (401, 429, ...) as well as the services' answers.
 */
@Singleton
public class RouteMetrics implements Handler<RoutingContext> {

    /** Fixed buckets, so every series has the same few of them rather than the default percentile histogram's ~70. */
    private static final Duration[] BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10) };

    /** Any other method a client invents is counted as OTHER, so clients cannot grow the number of series. */
    private static final Set<HttpMethod> KNOWN_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
            HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);

    private final MeterRegistry registry;

    RouteMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The timers by their tags; looking one up here is cheaper than building and registering it per request. */
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    @Override
    public void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        GatewayRoute route = ctx.get(GatewayRoute.CONTEXT_KEY);
        HttpMethod method = ctx.request().method();
        String methodTag = KNOWN_METHODS.contains(method) ? method.name() : "OTHER";
        ctx.addEndHandler(ignored -> timers
                .computeIfAbsent(new TimerKey(route, methodTag, ctx.response().getStatusCode()), this::register)
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
        ctx.next();
    }

    private Timer register(TimerKey key) {
        return Timer.builder("gateway.requests")
                .description("Requests through the gateway, by route, upstream, method and status")
                .tag("route", key.route().id())
                .tag("upstream", key.route().upstream().serviceName())
                .tag("method", key.method())
                .tag("status", Integer.toString(key.status()))
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    private record TimerKey(GatewayRoute route, String method, int status) {
    }
}
