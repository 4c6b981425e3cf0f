package org.privacysuite.dsar.service;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import javax.sql.DataSource;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.commons.throttle.Throttle;
import org.privacysuite.dsar.config.DsarConfig;

/**
 * Limits on what a stranger can make dsar-service do ({@code dsar.throttle.*}), on service-commons' database-backed
 * {@link Throttle} so they hold across replicas: requests per client address, and code mails per address, so that
 * nobody can mail-bomb an address through the request form. Refusals are 429 with Retry-After and store nothing.
 * Counted outside the request's transaction: a refused or failed request still counts.
 */
@ApplicationScoped
public class RequestThrottle {

    @Inject
    DataSource database;

    @Inject
    DsarConfig config;

    @Inject
    Clock clock;

    private Throttle throttle;

    @PostConstruct
    void init() {
        throttle = new Throttle(database, ServiceKeys.deriveHex(config.export().key(), "throttle"), clock);
    }

    /** Counts a new request from this client address (from the gateway's X-Forwarded-For). */
    public void admitClient(String clientAddress) {
        refuseOver(throttle.hit("dsar-request-client", clientAddress, new Throttle.Limit(
                config.throttle().requestsPerClient(), config.throttle().clientWindow())),
                "Too many privacy requests from your network. Please try again later.");
    }

    /** Counts a verification code mail to the address; refuses when it has had its share. */
    public void admitCodeMail(String email) {
        refuseOver(throttle.hit("dsar-code-mail", email, new Throttle.Limit(
                config.throttle().codesPerAddress(), config.throttle().addressWindow())),
                "Too many confirmation codes were sent to this address recently. Please use the last one, or try"
                        + " again later.");
    }

    public int purgeExpired() {
        return throttle.purgeExpired();
    }

    private static void refuseOver(Throttle.Verdict verdict, String detail) {
        if (!verdict.allowed()) {
            throw ProblemException.tooManyRequests(detail, verdict.retryAfter());
        }
    }
}
