package org.privacysuite.gateway.security;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.security.AuthenticationException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import org.privacysuite.gateway.problem.GatewayProblems;

/**
 * Validates bearer tokens (quarkus-oidc, against the realm) as the {@link AccessPolicy} asks. The token itself
 * travels on unchanged so that each service authorises the request again.
 *
 * <p>Authentication is lazy (proactive auth is off suite-wide): quarkus-oidc runs only when this handler asks for
 * the identity, so public requests without a token and Data Rights Protocol traffic cost no token work at all.
 */
@Singleton
public class TokenAuthentication implements Handler<RoutingContext> {

    /** The validated identity, for the per-client rate limit. */
    public static final String IDENTITY_KEY = TokenAuthentication.class.getName() + ".identity";

    private static final Logger LOG = Logger.getLogger(TokenAuthentication.class);
    private static final String BEARER = "Bearer ";

    private final GatewayProblems problems;

    TokenAuthentication(GatewayProblems problems) {
        this.problems = problems;
    }

    @Override
    public void handle(RoutingContext ctx) {
        AccessPolicy.Access access = AccessPolicy.of(ctx.request().method(), ctx.normalizedPath());
        if (access == AccessPolicy.Access.UPSTREAM) {
            ctx.next();
            return;
        }
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            if (access == AccessPolicy.Access.PUBLIC) {
                ctx.next();
            } else {
                unauthorized(ctx, "Bearer", "A valid bearer token is required.");
            }
            return;
        }
        Uni<SecurityIdentity> identity = ctx.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
        // Quarkus would otherwise answer a bad token with an empty 401 of its own.
        ctx.remove(QuarkusHttpUser.AUTH_FAILURE_HANDLER);
        Context requestContext = Vertx.currentContext();
        identity.subscribe().with(
                validated -> onRequestContext(requestContext, () -> {
                    if (validated.isAnonymous()) {
                        unauthorized(ctx, "Bearer error=\"invalid_token\"", "The bearer token is not valid.");
                    } else {
                        ctx.put(IDENTITY_KEY, validated);
                        ctx.next();
                    }
                }),
                failure -> onRequestContext(requestContext, () -> {
                    if (failure instanceof AuthenticationException) {
                        unauthorized(ctx, "Bearer error=\"invalid_token\"", "The bearer token is not valid.");
                    } else {
                        LOG.error("Tokens cannot be checked", failure);
                        problems.send(ctx, 503, "Tokens cannot be checked at the moment.");
                    }
                }));
    }

    private void unauthorized(RoutingContext ctx, String challenge, String detail) {
        ctx.response().putHeader(HttpHeaderNames.WWW_AUTHENTICATE, challenge);
        problems.send(ctx, 401, detail);
    }

    /** Token checks may finish on another thread (a key set fetched from the realm); the request goes on on its own. */
    private static void onRequestContext(Context context, Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(ignored -> action.run());
        }
    }
}
