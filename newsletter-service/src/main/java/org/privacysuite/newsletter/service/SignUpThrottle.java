package org.privacysuite.newsletter.service;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import javax.sql.DataSource;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.commons.throttle.Throttle;
import org.privacysuite.newsletter.config.NewsletterConfig;

/**
 * The sign-up form's limits ({@code newsletter.sign-ups.*}) on service-commons' database-backed {@link Throttle}:
 * per client address (429) and per e-mail address (no mail, same 202 answer, so the form still does not tell whether
 * an address is known).
 */
@ApplicationScoped
public class SignUpThrottle {

    @Inject
    DataSource database;

    @Inject
    NewsletterConfig config;

    @Inject
    Clock clock;

    private Throttle throttle;

    @PostConstruct
    void init() {
        throttle = new Throttle(database, config.throttleKey(), clock);
    }

    /** @throws ProblemException 429 with Retry-After when the client sent too many sign-ups in the window */
    public void admitClient(String clientAddress) {
        Throttle.Verdict verdict = throttle.hit("newsletter-sign-up-client", clientAddress,
                new Throttle.Limit(config.signUps().requestsPerClient(), config.signUps().clientWindow()));
        if (!verdict.allowed()) {
            throw ProblemException.tooManyRequests("Too many subscription requests from your network. Please try"
                    + " again later.", verdict.retryAfter());
        }
    }

    /** Counts a mail to the address (its canonical key) and says whether it may go out. */
    public boolean mayMail(String addressKey) {
        return throttle.hit("newsletter-confirmation-mail", addressKey,
                new Throttle.Limit(config.signUps().mailsPerAddress(), config.signUps().addressWindow())).allowed();
    }

    public int purgeExpired() {
        return throttle.purgeExpired();
    }
}
