package org.privacysuite.console.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.oidc.AuthorizationCodeTokens;
import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TokenStateManager;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.security.SecureRandom;
import java.util.Base64;
import org.privacysuite.console.config.ConsoleConfig;

/**
 * Keeps each session's ID, access and refresh tokens on the server (backend for frontend): the session cookie holds
 * only a random 256-bit key to them, so a stolen or logged cookie never carries a token that the suite's APIs would
 * accept. Replaces quarkus-oidc's default, which puts the (encrypted) tokens themselves into the cookie.
 *
 * <p>Held in memory: a restarted console signs its officers in again, and more than one replica needs sticky
 * sessions (the Kubernetes Service sets client-IP affinity).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ServerSideTokens implements TokenStateManager {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Cache<String, AuthorizationCodeTokens> sessions;

    ServerSideTokens(ConsoleConfig config) {
        this.sessions = Caffeine.newBuilder()
                .maximumSize(config.sessions().max())
                .expireAfterAccess(config.sessions().idle())
                .build();
    }

    @Override
    public Uni<String> createTokenState(RoutingContext routingContext, OidcTenantConfig oidcConfig,
            AuthorizationCodeTokens tokens, OidcRequestContext<String> requestContext) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        String sessionKey = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        sessions.put(sessionKey, tokens);
        return Uni.createFrom().item(sessionKey);
    }

    @Override
    public Uni<AuthorizationCodeTokens> getTokens(RoutingContext routingContext, OidcTenantConfig oidcConfig,
            String tokenState, OidcRequestContext<AuthorizationCodeTokens> requestContext) {
        AuthorizationCodeTokens tokens = sessions.getIfPresent(tokenState);
        // an unknown or forgotten session: quarkus-oidc drops the cookie and starts a new sign-in
        return tokens == null
                ? Uni.createFrom().failure(new AuthenticationFailedException("Unknown or expired console session"))
                : Uni.createFrom().item(tokens);
    }

    @Override
    public Uni<Void> deleteTokens(RoutingContext routingContext, OidcTenantConfig oidcConfig, String tokenState,
            OidcRequestContext<Void> requestContext) {
        sessions.invalidate(tokenState);
        return Uni.createFrom().voidItem();
    }
}
