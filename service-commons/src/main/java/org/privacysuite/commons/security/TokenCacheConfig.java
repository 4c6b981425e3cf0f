package org.privacysuite.commons.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The cache of verified bearer tokens ({@link VerifiedTokens}); environment {@code PRIVACY_TOKEN_CACHE_*}. */
@ConfigMapping(prefix = "privacy.token-cache")
public interface TokenCacheConfig {

    /** Off: every request's token is verified by quarkus-oidc. */
    @WithDefault("true")
    boolean enabled();

    /** Tokens remembered at most (each entry is the token's digest and its identity, a few kilobytes). */
    @WithDefault("10000")
    long maximumSize();

    /** The longest an entry lives, however far the token's own expiry. */
    @WithDefault("60s")
    Duration maxAge();
}
