package org.privacysuite.dsar.service;

import java.util.Locale;
import java.util.Optional;
import org.privacysuite.dsar.domain.IdentityProof;

/**
 * The one place where dsar-service decides which identities a request acts on and how each is proven
 * (docs/identity.md). A signed-in subject is proven by the token; the token's e-mail only when the identity provider
 * marks it verified; any other address (or an unverified token address) only after the mailed code; a device by the
 * request carrying its id, which only the browser that keeps it in its consent cookie holds. The intake asks here and
 * nowhere else. A device never leads to an account (a shared computer's cookie is not its owner's sign-in).
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
    public record Claim(String subjectId, IdentityProof subjectProof, String email, IdentityProof emailProof,
            String deviceId) {

        public Claim(String subjectId, IdentityProof subjectProof, String email, IdentityProof emailProof) {
            this(subjectId, subjectProof, email, emailProof, null);
        }

        public boolean awaitsEmailProof() {
            return email != null && emailProof == null;
        }

        /** Only a held device names the person: no account, no address. */
        public boolean deviceOnly() {
            return subjectId == null && email == null && deviceId != null;
        }
    }

    /**
     * A request from the web form or an app: the token's subject, plus the given address or else the token's, plus
     * the device id the browser sent (proven by holding it, {@link IdentityProof#DEVICE_HELD}).
     */
    public static Claim forWebRequest(Caller caller, String givenEmail, String heldDeviceId) {
        Claim claim = forWebRequest(caller, givenEmail);
        String device = Optional.ofNullable(heldDeviceId).map(String::trim).filter(d -> !d.isEmpty())
                .map(d -> d.toLowerCase(Locale.ROOT)).orElse(null);
        return new Claim(claim.subjectId(), claim.subjectProof(), claim.email(), claim.emailProof(), device);
    }

    private static Claim forWebRequest(Caller caller, String givenEmail) {
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
