package org.privacysuite.account.identity;

import org.privacysuite.commons.problem.ProblemException;

/** Keycloak did not answer or answered with a server error; nothing was changed by the caller. */
public class IdentityUnavailableException extends ProblemException {

    public IdentityUnavailableException(String what, Throwable cause) {
        super(503, "identity-unavailable", "Identity provider unavailable",
                "The identity provider could not " + what + "; nothing was changed. Try again later.");
        initCause(cause);
    }
}
