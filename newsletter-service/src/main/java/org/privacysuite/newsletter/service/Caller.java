package org.privacysuite.newsletter.service;

import java.util.Optional;

/**
 * The signed-in person behind a request, if any: the token's {@code sub}, and the canonical form of its email claim
 * when the identity provider has verified that address ({@code email_verified}).
 */
public record Caller(String accountId, Optional<String> verifiedEmailKey) {

    /** Whether the token proves that this person controls the address. */
    public boolean owns(String emailKey) {
        return verifiedEmailKey.filter(emailKey::equals).isPresent();
    }
}
