package org.privacysuite.dsar.service;

import java.util.Locale;
import java.util.Optional;
import org.privacysuite.dsar.domain.IdentityProof;

/**
 * The one place where dsar-service decides which identities a request acts on and how each is proven
 * (docs/identity.md). A signed-in subject is proven by the token; the token's e-mail only when the identity provider
 * marks it verified; any other address (or an unverified token address) only after the mailed code. The intake asks
 * here and nowhere else.
 */
public final class IdentityPolicy {

    private IdentityPolicy() {
    }

    /** Who is calling, as the token says: nothing for an anonymous caller. */
    public record Caller(Optional<String> subject, Optional<String> tokenEmail, boolean tokenEmailVerified) {

        public static Caller anonymous() {
            return new Caller(Optional.empty(), Optional.empty(), false);
        }
    }

    /**
     * The identities a new request names. {@code emailProof} null means the address is claimed, not proven: the
     * request waits UNVERIFIED for the code mailed there.
     */
    public record Claim(String subjectId, IdentityProof subjectProof, String email, IdentityProof emailProof) {

        public boolean awaitsEmailProof() {
            return email != null && emailProof == null;
        }
    }

    /** A request from the web form or an app: the token's subject, plus the given address or else the token's. */
    public static Claim forWebRequest(Caller caller, String givenEmail) {
        String email = normalise(givenEmail).or(() -> caller.tokenEmail().flatMap(IdentityPolicy::normalise))
                .orElse(null);
        boolean tokenVouches = email != null && caller.tokenEmailVerified()
                && caller.tokenEmail().flatMap(IdentityPolicy::normalise).filter(email::equals).isPresent();
        return new Claim(caller.subject().orElse(null), caller.subject().isPresent() ? IdentityProof.TOKEN_SUBJECT : null,
                email, tokenVouches ? IdentityProof.TOKEN_VERIFIED_EMAIL : null);
    }

    /** DRP: the agent attests the person's identity (it verified it before sending the request). */
    public static Claim forAgent(String email) {
        String address = normalise(email).orElse(null);
        return new Claim(null, null, address, address == null ? null : IdentityProof.AGENT_ATTESTED);
    }

    /** account.closed.v1: account-service closed the account at its signed-in owner's request. */
    public static Claim forClosedAccount(String subjectId) {
        return new Claim(subjectId, IdentityProof.ACCOUNT_CLOSURE, null, null);
    }

    /** Addresses compare case-insensitively and without surrounding blanks (RFC 5321 local parts are, in practice). */
    static Optional<String> normalise(String email) {
        return Optional.ofNullable(email).map(String::trim).filter(e -> !e.isEmpty()).map(e -> e.toLowerCase(Locale.ROOT));
    }
}
