package org.privacysuite.newsletter.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.newsletter.domain.InterestPurpose;
import org.privacysuite.newsletter.domain.SubjectType;
import org.privacysuite.newsletter.rest.NewsletterDtos.BrowsingEventAnswer;
import org.privacysuite.newsletter.rest.NewsletterDtos.BrowsingEventRequest;
import org.privacysuite.newsletter.service.Caller;
import org.privacysuite.newsletter.service.InterestProfiles;

/**
 * Whose profile a request is about: with a user token the account (a device id sent with it is not used), otherwise
 * the device id the browser holds in its consent cookie. Shared by the page-view paths and the profile's own view.
 */
@ApplicationScoped
public class PageViews {

    /** Sec-GPC: 1, the Global Privacy Control signal the gateway passes through. */
    public static final String GPC_HEADER = "Sec-GPC";

    @Inject
    Callers callers;

    @Inject
    InterestProfiles profiles;

    public record Subject(String id, SubjectType type) {
    }

    public Optional<Subject> of(String deviceId) {
        Optional<Caller> caller = callers.current();
        if (caller.isPresent()) {
            return Optional.of(new Subject(caller.get().accountId(), SubjectType.ACCOUNT));
        }
        return Optional.ofNullable(deviceId).map(d -> new Subject(d, SubjectType.DEVICE));
    }

    /** @throws ProblemException 400 when there is neither a login nor a device id */
    public Subject required(String deviceId) {
        return of(deviceId).orElseThrow(() -> ProblemException.invalid("deviceId", "required without a login"));
    }

    public BrowsingEventAnswer record(BrowsingEventRequest request, String gpcHeader, InterestPurpose own) {
        Subject subject = required(request.deviceId());
        return BrowsingEventAnswer.of(profiles.record(subject.id(), subject.type(), request.topics(), gpc(gpcHeader)),
                own);
    }

    public static boolean gpc(String header) {
        return header != null && "1".equals(header.trim());
    }
}
