package org.privacysuite.commons.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.OidcIdentityProvider;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies each bearer access token once, not on every request: the gateway and every service used to check the
 * same RS256 signature again for each call a client made with it (a third of the gateway's CPU in the profile).
 *
 * <p>The contract of the cache, each point tested in {@code VerifiedTokensTest}:
 * <ul>
 * <li>Only what quarkus-oidc accepted is stored, keyed by the SHA-256 of the whole token (header, claims and
 * signature): a token with the same claims and another signature, or any other byte changed, is another key and
 * is verified in full.</li>
 * <li>An entry never outlives its token: it expires at the token's {@code exp}, or after {@code max-age} if that
 * comes first (so that a key withdrawn from the realm stops being honoured within it; the realm's tokens are
 * verified locally anyway, so no revocation check is lost).</li>
 * <li>Bounded ({@code maximum-size}); only access tokens with an {@code exp} are kept; ID tokens of the console's
 * code flow and opaque tokens always go to quarkus-oidc.</li>
 * <li>The identity handed out is the verified one with the current request's routing context, never an earlier
 * request's.</li>
 * </ul>
 * It stands before quarkus-oidc's own provider (a higher {@link #priority()}) and delegates to it on a miss.
 */
@ApplicationScoped
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest> {

    @Inject
    OidcIdentityProvider oidc;

    @Inject
    TokenCacheConfig config;

    @Inject
    MeterRegistry registry;

    private Cache<String, Verified> cache;
    private Counter hits;
    private Counter misses;

    /** A verified identity (without any request's routing context) and when it stops being usable. */
    record Verified(SecurityIdentity identity, Instant expiresAt) {
    }

    @PostConstruct
    void init() {
        cache = Caffeine.newBuilder().maximumSize(config.maximumSize()).expireAfter(new Expiry<String, Verified>() {
            @Override
            public long expireAfterCreate(String key, Verified value, long currentTime) {
                return Math.max(0, Duration.between(Instant.now(), value.expiresAt()).toNanos());
            }

            @Override
            public long expireAfterUpdate(String key, Verified value, long currentTime, long currentDuration) {
                return expireAfterCreate(key, value, currentTime);
            }

            @Override
            public long expireAfterRead(String key, Verified value, long currentTime, long currentDuration) {
                return currentDuration;
            }
        }).build();
        hits = registry.counter("privacy.token.cache", "result", "hit");
        misses = registry.counter("privacy.token.cache", "result", "miss");
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Before quarkus-oidc's provider (which keeps the default, {@code SYSTEM_FIRST + 1}). */
    @Override
    public int priority() {
        return SYSTEM_FIRST + 100;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!config.enabled() || request.getToken().getClass() != AccessTokenCredential.class) {
            return oidc.authenticate(request, context);
        }
        String key = digest(request.getToken().getToken());
        Verified verified = cache.getIfPresent(key);
        if (verified != null && Instant.now().isBefore(verified.expiresAt())) {
            hits.increment();
            return Uni.createFrom().item(withRequest(verified.identity(), HttpSecurityUtils.getRoutingContextAttribute(request),
                    context));
        }
        misses.increment();
        return oidc.authenticate(request, context).invoke(identity -> remember(key, identity));
    }

    private void remember(String key, SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                || jwt.getExpirationTime() <= 0) {
            return;
        }
        Instant expiresAt = Instant.ofEpochSecond(jwt.getExpirationTime());
        Instant latest = Instant.now().plus(config.maxAge());
        // Stored without the request that brought it: it must neither hold that request alive nor be mistaken for it.
        cache.put(key, new Verified(withRequest(identity, null, null), expiresAt.isBefore(latest) ? expiresAt : latest));
    }

    /**
     * The identity with this request's routing context and authentication context in the attributes where
     * quarkus-oidc and Quarkus HTTP security put them (quarkus-oidc under the class names, Quarkus HTTP under its own
     * key); every other attribute (tenant, provider metadata) belongs to the token and stays.
     */
    private static SecurityIdentity withRequest(SecurityIdentity identity, RoutingContext request,
            AuthenticationRequestContext context) {
        return QuarkusSecurityIdentity.builder(identity)
                .addAttribute(RoutingContext.class.getName(), request)
                .addAttribute(HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE, request)
                .addAttribute(AuthenticationRequestContext.class.getName(), context).build();
    }

    static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
