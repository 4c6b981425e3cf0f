package org.privacysuite.dsar.identity;

/** A directory (account-service, consent-service) could not answer: the saga waits and the job tries again. */
public class IdentitiesUnavailable extends RuntimeException {

    public IdentitiesUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
