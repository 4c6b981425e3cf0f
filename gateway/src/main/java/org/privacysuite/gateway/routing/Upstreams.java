package org.privacysuite.gateway.routing;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.privacysuite.gateway.config.GatewayConfig;

/**
 * The four services as HTTP origins: one pooled keep-alive client for all of them, and one circuit breaker per
 * service so that a failing service is answered for at once (503) instead of tying up connections and callers.
 */
@Singleton
public class Upstreams {

    private static final Logger LOG = Logger.getLogger(Upstreams.class);

    private final HttpClient client;
    private final Map<UpstreamService, Origin> origins = new EnumMap<>(UpstreamService.class);
    private final GatewayConfig.Upstream config;

    Upstreams(Vertx vertx, GatewayConfig gatewayConfig) {
        this.config = gatewayConfig.upstream();
        // Bodies pass through as they are (no decompression) so that Content-Encoding stays true to the bytes.
        HttpClientOptions options = new HttpClientOptions().setKeepAlive(true).setDecompressionSupported(false);
        this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(config.maxConnections()));
        for (UpstreamService service : UpstreamService.values()) {
            origins.put(service, Origin.of(service, service.baseUrl(config), circuitBreaker(service)));
        }
    }

    /**
     * Connects to the service and lets {@code send} write the request; completes when the service's status and
     * headers have arrived. Guarded by the service's circuit breaker, so it fails at once while the circuit is open.
     */
    public Future<ProxyResponse> exchange(UpstreamService service, Function<HttpClientRequest, Future<ProxyResponse>> send) {
        Origin origin = origins.get(service);
        CompletionStage<ProxyResponse> guarded = origin.breaker().get(
                () -> client.request(origin.requestOptions(config)).compose(send).toCompletionStage());
        return Future.fromCompletionStage(guarded, Vertx.currentContext());
    }

    /** The HTTP status of the service's own readiness endpoint, bypassing the circuit breaker. */
    public Future<Integer> readinessStatus(UpstreamService service, Duration timeout) {
        RequestOptions options = origins.get(service).requestOptions(config)
                .setMethod(HttpMethod.GET)
                .setURI("/q/health/ready")
                .setConnectTimeout(timeout.toMillis())
                .setIdleTimeout(timeout.toMillis());
        return client.request(options)
                .compose(HttpClientRequest::send)
                .compose(response -> response.body().map(ignored -> response.statusCode()));
    }

    /**
     * The service's own OpenAPI document (JSON), bypassing the circuit breaker like the readiness probe: the
     * document is the gateway's business, not a client's request. Fails on any status but 200.
     */
    public Future<Buffer> openApiDocument(UpstreamService service, Duration timeout) {
        RequestOptions options = origins.get(service).requestOptions(config)
                .setMethod(HttpMethod.GET)
                .setURI("/q/openapi?format=json")
                .setConnectTimeout(timeout.toMillis())
                .setIdleTimeout(timeout.toMillis())
                .putHeader("Accept", "application/json");
        return client.request(options)
                .compose(HttpClientRequest::send)
                .compose(response -> response.statusCode() == 200 ? response.body()
                        : Future.failedFuture("HTTP " + response.statusCode()));
    }

    /** How long an opened circuit stays open: what a client told "503, circuit open" should wait. */
    public Duration circuitOpenDelay() {
        return config.circuitBreaker().delay();
    }

    @PreDestroy
    void close() {
        client.close();
    }

    private TypedGuard<CompletionStage<ProxyResponse>> circuitBreaker(UpstreamService service) {
        GatewayConfig.CircuitBreaker breaker = config.circuitBreaker();
        String name = "upstream-" + service.serviceName();
        return TypedGuard.create(new TypeLiteral<CompletionStage<ProxyResponse>>() {
        })
                .withDescription(name)
                .withCircuitBreaker()
                .name(name)
                .requestVolumeThreshold(breaker.requestVolumeThreshold())
                .failureRatio(breaker.failureRatio())
                .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(breaker.successThreshold())
                // an oversized body is the client's fault, not a sign that the service is failing
                .skipOn(RequestBodyTooLarge.class)
                .onStateChange(state -> LOG.logf(state == CircuitBreakerState.OPEN ? Logger.Level.WARN : Logger.Level.INFO,
                        "Circuit to %s is now %s", service.serviceName(), state))
                .done()
                .build();
    }

    private record Origin(String host, int port, boolean ssl, TypedGuard<CompletionStage<ProxyResponse>> breaker) {

        static Origin of(UpstreamService service, URI url, TypedGuard<CompletionStage<ProxyResponse>> breaker) {
            String scheme = url.getScheme();
            if (url.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))
                    || (url.getPath() != null && !url.getPath().isEmpty() && !"/".equals(url.getPath()))) {
                throw new IllegalArgumentException("The URL of " + service.serviceName()
                        + " must be http(s)://host[:port] without a path, not " + url);
            }
            boolean ssl = "https".equals(scheme);
            int port = url.getPort() != -1 ? url.getPort() : ssl ? 443 : 80;
            return new Origin(url.getHost(), port, ssl, breaker);
        }

        RequestOptions requestOptions(GatewayConfig.Upstream config) {
            return new RequestOptions()
                    .setHost(host)
                    .setPort(port)
                    .setSsl(ssl)
                    .setConnectTimeout(config.connectTimeout().toMillis())
                    .setIdleTimeout(config.idleTimeout().toMillis());
        }
    }
}
