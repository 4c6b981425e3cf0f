package org.privacysuite.newsletter.service;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.privacysuite.newsletter.config.NewsletterConfig;

/**
 * Unsubscribe tokens: {@code v1.<subscriber id>.<HMAC-SHA256 of it, base64url>}. Stateless and without expiry, so
 * that the link in a years-old mail still works (RFC 8058 one-click); only the holder of the signing key can make
 * one, and one only ever unsubscribes its own subscriber. Erasing the subscriber makes its tokens point at nothing.
 */
@ApplicationScoped
public class UnsubscribeTokens {

    private static final String VERSION = "v1";
    private static final String CONTEXT = "newsletter-unsubscribe:" + VERSION + ":";
    private static final Pattern SHAPE = Pattern.compile("v1\\.([0-9a-f-]{36})\\.([A-Za-z0-9_-]{43})");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @Inject
    NewsletterConfig config;

    private Hmac hmac;

    @PostConstruct
    void init() {
        hmac = new Hmac("newsletter.token-key (NEWSLETTER_TOKEN_KEY)", config.tokenKey());
    }

    public String issue(String subscriberId) {
        return VERSION + "." + subscriberId + "." + B64.encodeToString(hmac.sign(CONTEXT + subscriberId));
    }

    /** The subscriber id the token was made for, if the token is genuine. */
    public Optional<String> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        var match = SHAPE.matcher(token);
        if (!match.matches()) {
            return Optional.empty();
        }
        String subscriberId = match.group(1);
        byte[] expected = B64.encodeToString(hmac.sign(CONTEXT + subscriberId)).getBytes(StandardCharsets.US_ASCII);
        byte[] given = match.group(2).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Optional.of(subscriberId) : Optional.empty();
    }
}
