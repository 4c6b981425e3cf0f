package org.privacysuite.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Everything an operator can tune about the gateway. The routes and which of them are public are part of the
 * contract and live in code ({@code GatewayRoute}, {@code AccessPolicy}), not here.
 */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    Upstream upstream();

    Cors cors();

    RateLimit rateLimit();

    /** Largest request body the gateway forwards; a larger one gets 413 and never reaches a service. */
    @WithDefault("1M")
    @WithConverter(MemorySizeConverter.class)
    MemorySize maxBodySize();

    SecurityHeaders securityHeaders();

    Health health();

    ApiDocs apiDocs();

    interface Upstream {

        /** Base URL (scheme, host, port) of each service: Kubernetes service names in k8s, localhost locally. */
        URI consentService();

        URI accountService();

        URI dsarService();

        URI newsletterService();

        /** The officers' web application behind {@code /console/**}. */
        URI officerConsole();

        @WithDefault("2s")
        Duration connectTimeout();

        /** An upstream that sends nothing for this long is given up on: 504 if nothing was sent to the client yet. */
        @WithDefault("10s")
        Duration idleTimeout();

        /** Pooled keep-alive connections per upstream. */
        @WithDefault("64")
        int maxConnections();

        CircuitBreaker circuitBreaker();
    }

    /** Per upstream; only transport failures (refused, reset, timed out) count, an upstream's own 5xx does not. */
    interface CircuitBreaker {

        /** How many of the last calls are looked at. */
        @WithDefault("20")
        int requestVolumeThreshold();

        /** Share of failures among them that opens the circuit. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long an open circuit answers 503 at once before letting trial calls through. */
        @WithDefault("10s")
        Duration delay();

        /** Successful trial calls needed to close it again. */
        @WithDefault("2")
        int successThreshold();
    }

    interface Cors {

        /** Origins (scheme://host[:port]) whose browser scripts may call the API; env GATEWAY_CORS_ORIGINS. */
        List<String> origins();

        /** X-Device-Id: a cookie-only visitor's browser reads its own privacy request with its device id. */
        @WithDefault("Authorization,Content-Type,Accept,Accept-Language,X-Correlation-Id,traceparent,tracestate,X-Device-Id")
        List<String> allowedHeaders();

        /** How long a browser may cache a preflight answer. */
        @WithDefault("10m")
        Duration maxAge();
    }

    interface RateLimit {

        /** Every request, keyed by the client address (the forwarded one only when the proxy is trusted). */
        Bucket perIp();

        /** Requests with a valid token, keyed by the token's azp and sub. */
        Bucket perClient();

        /** Upper bound of buckets kept per kind; idle ones expire once they would be full again anyway. */
        @WithDefault("100000")
        int maxTrackedKeys();

        /**
         * Share the buckets between gateway replicas through the gateway's database (the datasource, which this
         * switches on), so that the limits hold for the deployment; otherwise each replica counts on its own.
         */
        @WithDefault("false")
        boolean shared();

        /** How long a take may wait for a bucket's row lock in the shared store before the request is admitted. */
        @WithDefault("2s")
        Duration sharedLockTimeout();
    }

    /** A token bucket: refills at {@code requestsPerSecond}, holds at most {@code burst} tokens. */
    interface Bucket {

        double requestsPerSecond();

        int burst();
    }

    interface SecurityHeaders {

        /** Strict-Transport-Security max-age, sent only on requests that arrived over TLS. */
        @WithDefault("365d")
        Duration hstsMaxAge();

        /** Content-Security-Policy for HTML answers that do not bring their own. */
        @WithDefault("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
        String htmlContentSecurityPolicy();

        /**
         * Content-Security-Policy of the reference storefront under /demo/: its own scripts (the SDK included), calls
         * to the gateway and to Keycloak's token endpoint (sign-in with PKCE), frames of its own origin.
         */
        @WithDefault("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self' http://127.0.0.1:8180 http://localhost:8180; frame-src 'self'; form-action 'self'; "
                + "frame-ancestors 'self'; base-uri 'none'")
        String storefrontContentSecurityPolicy();
    }

    interface Health {

        /** How long a readiness probe waits for each upstream's /q/health/ready. */
        @WithDefault("2s")
        Duration timeout();
    }

    /** The merged API document at /openapi.json, assembled from the services' own /q/openapi. */
    interface ApiDocs {

        /** How long an assembled document is served before the services are asked again. */
        @WithDefault("1m")
        Duration refresh();

        /** How long each service's /q/openapi may take; after that its last good copy is used, or it is left out. */
        @WithDefault("2s")
        Duration timeout();
    }
}
