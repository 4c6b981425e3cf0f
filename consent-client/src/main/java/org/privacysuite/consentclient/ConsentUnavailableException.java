package org.privacysuite.consentclient;

import org.privacysuite.commons.problem.ProblemException;

/** consent-service could not be asked; callers fail closed: no consent is assumed. */
public class ConsentUnavailableException extends ProblemException {

    public ConsentUnavailableException(Throwable cause) {
        super(503, "consent-unavailable", "Consent cannot be verified",
                "The consent service did not answer; nothing that needs consent was done. Try again later.");
        initCause(cause);
    }
}
