package org.privacysuite.gateway.routing;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.privacysuite.gateway.problem.GatewayProblems;
import org.privacysuite.gateway.ratelimit.RateLimits;
import org.privacysuite.gateway.security.CorsPolicy;
import org.privacysuite.gateway.security.SecurityHeaders;
import org.privacysuite.gateway.security.TokenAuthentication;
import org.privacysuite.gateway.tracing.RequestTracing;

/**
 * Puts the gateway on Quarkus' Vert.x router. Every proxied request runs the same chain, in this order:
 * metrics and tracing first (so refusals are counted and logged too), CORS (a preflight ends there), the body size
 * limit, the per-IP rate limit (before any token work), token validation, the per-client rate limit, the proxy.
 */
@ApplicationScoped
public class GatewayRouter {

    private static final Logger LOG = Logger.getLogger(GatewayRouter.class);

    /** Ahead of Quarkus REST, which answers everything else (e.g. a 404 problem for unknown paths). */
    private static final int ROUTE_ORDER = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT;

    private final SecurityHeaders securityHeaders;
    private final RouteMetrics metrics;
    private final RequestTracing tracing;
    private final CorsPolicy cors;
    private final BodyLimit bodyLimit;
    private final RateLimits rateLimits;
    private final TokenAuthentication authentication;
    private final ProxyHandler proxy;
    private final GatewayProblems problems;

    GatewayRouter(SecurityHeaders securityHeaders, RouteMetrics metrics, RequestTracing tracing, CorsPolicy cors,
            BodyLimit bodyLimit, RateLimits rateLimits, TokenAuthentication authentication, ProxyHandler proxy,
            GatewayProblems problems) {
        this.securityHeaders = securityHeaders;
        this.metrics = metrics;
        this.tracing = tracing;
        this.cors = cors;
        this.bodyLimit = bodyLimit;
        this.rateLimits = rateLimits;
        this.authentication = authentication;
        this.proxy = proxy;
        this.problems = problems;
    }

    void register(@Observes Router router) {
        // every answer, the gateway's own ones (health, 404) included
        router.route().order(RouteConstants.ROUTE_ORDER_HEADERS).handler(securityHeaders);
        for (GatewayRoute route : GatewayRoute.values()) {
            router.route(route.path()).order(ROUTE_ORDER)
                    .handler(ctx -> {
                        ctx.put(GatewayRoute.CONTEXT_KEY, route);
                        ctx.next();
                    })
                    .handler(metrics)
                    .handler(tracing)
                    .handler(cors)
                    .handler(bodyLimit)
                    .handler(rateLimits.perIp())
                    .handler(authentication)
                    .handler(rateLimits.perClient())
                    .handler(proxy)
                    .failureHandler(this::failed);
        }
    }

    /** A handler failed the request (CORS refuses an origin with 403) or threw. */
    private void failed(RoutingContext ctx) {
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        if (status >= 500) {
            LOG.errorf(ctx.failure(), "The gateway failed on %s %s", ctx.request().method(),
                    RequestTracing.loggablePath(ctx.normalizedPath()));
            problems.send(ctx, status, "The gateway could not complete the request.");
        } else {
            problems.send(ctx, status, ctx.failure() != null ? ctx.failure().getMessage() : null);
        }
    }
}
