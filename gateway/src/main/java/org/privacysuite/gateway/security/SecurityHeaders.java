package org.privacysuite.gateway.security;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import org.privacysuite.gateway.config.GatewayConfig;

/**
 * Security headers on every answer that leaves the gateway, the services' included. They are set when the
 * headers are written, so they replace (rather than double) what a service may have sent.
 */
@Singleton
public class SecurityHeaders implements Handler<RoutingContext> {

    private static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";
    /** APIs answer JSON: nothing in an answer may load, run or be framed. */
    private static final String API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";
    /** The reference storefront's static pages (served from the classpath, see storefront/README.md). */
    private static final String STOREFRONT = "/demo/";

    private final String hsts;
    private final String htmlContentSecurityPolicy;
    private final String storefrontContentSecurityPolicy;

    SecurityHeaders(GatewayConfig config) {
        this.hsts = "max-age=" + config.securityHeaders().hstsMaxAge().toSeconds() + "; includeSubDomains";
        this.htmlContentSecurityPolicy = config.securityHeaders().htmlContentSecurityPolicy();
        this.storefrontContentSecurityPolicy = config.securityHeaders().storefrontContentSecurityPolicy();
    }

    @Override
    public void handle(RoutingContext ctx) {
        // The storefront runs scripts and frames its own pages (a video held back until consent); nothing else may.
        boolean storefront = ctx.normalizedPath().startsWith(STOREFRONT);
        ctx.addHeadersEndHandler(ignored -> {
            MultiMap headers = ctx.response().headers();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", storefront ? "SAMEORIGIN" : "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            // Only over TLS (directly, or via a trusted proxy's X-Forwarded-Proto): browsers ignore it on http.
            if ("https".equals(ctx.request().scheme())) {
                headers.set("Strict-Transport-Security", hsts);
            }
            // A page that brings its own policy (e.g. with a nonce) keeps it; every other answer gets a strict one.
            if (storefront) {
                headers.set(CONTENT_SECURITY_POLICY, storefrontContentSecurityPolicy);
            } else if (!headers.contains(CONTENT_SECURITY_POLICY)) {
                headers.set(CONTENT_SECURITY_POLICY, isHtml(headers) ? htmlContentSecurityPolicy : API_CONTENT_SECURITY_POLICY);
            }
        });
        ctx.next();
    }

    private static boolean isHtml(MultiMap headers) {
        String contentType = headers.get(HttpHeaders.CONTENT_TYPE);
        return contentType != null && contentType.regionMatches(true, 0, "text/html", 0, "text/html".length());
    }
}
