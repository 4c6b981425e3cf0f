package org.privacysuite.gateway.ratelimit;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.privacysuite.gateway.config.GatewayConfig;
import org.privacysuite.gateway.problem.GatewayProblems;
import org.privacysuite.gateway.security.TokenAuthentication;

/**
 * The two rate limits, both token buckets answered with 429 problem+json and {@code Retry-After}, kept per replica
 * or, with gateway.rate-limit.shared, in the gateway's database for all replicas:
 * per client address for every request (checked before any token work, so a flood costs little), and per token
 * client for requests with a valid token (so one noisy app or user does not eat a shared address's budget).
 */
@Singleton
public class RateLimits {

    private final Buckets perIp;
    private final Buckets perClient;
    private final GatewayProblems problems;

    RateLimits(GatewayConfig config, GatewayProblems problems, SharedBucketStore shared, Vertx vertx) {
        GatewayConfig.RateLimit limits = config.rateLimit();
        if (limits.shared()) {
            this.perIp = new SharedTokenBuckets("per-ip", limits.perIp(), shared.store(), vertx);
            this.perClient = new SharedTokenBuckets("per-client", limits.perClient(), shared.store(), vertx);
        } else {
            this.perIp = new TokenBuckets("per-ip", limits.perIp(), limits.maxTrackedKeys());
            this.perClient = new TokenBuckets("per-client", limits.perClient(), limits.maxTrackedKeys());
        }
        this.problems = problems;
    }

    public Handler<RoutingContext> perIp() {
        // the forwarded address only when the proxy in front is trusted (quarkus.http.proxy.*)
        return ctx -> admit(ctx, perIp, ctx.request().remoteAddress().hostAddress(), "this address");
    }

    public Handler<RoutingContext> perClient() {
        return ctx -> {
            SecurityIdentity identity = ctx.get(TokenAuthentication.IDENTITY_KEY);
            if (identity == null) {
                ctx.next(); // no validated token: the per-address limit is all there is
                return;
            }
            admit(ctx, perClient, clientKey(identity), "this client");
        };
    }

    private void admit(RoutingContext ctx, Buckets buckets, String key, String whose) {
        buckets.take(key).onComplete(taken -> {
            long retryAfterSeconds = taken.succeeded() ? taken.result() : 0;
            if (retryAfterSeconds == 0) {
                ctx.next();
                return;
            }
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
            problems.send(ctx, 429, GatewayProblems.RATE_LIMITED,
                    "Too many requests from " + whose + "; retry after " + retryAfterSeconds + " s.");
        });
    }

    /** The application (azp) and the subject (sub): a user in one app, or a service account. */
    private static String clientKey(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            Object azp = token.getClaim("azp");
            return (azp == null ? "" : azp) + "/" + token.getSubject();
        }
        return identity.getPrincipal().getName();
    }
}
