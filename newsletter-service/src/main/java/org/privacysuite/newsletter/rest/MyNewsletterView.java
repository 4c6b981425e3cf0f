package org.privacysuite.newsletter.rest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import org.privacysuite.newsletter.domain.InterestPurpose;
import org.privacysuite.newsletter.domain.InterestScore;
import org.privacysuite.newsletter.service.InterestDecay;
import org.privacysuite.newsletter.domain.Subscriber;
import org.privacysuite.newsletter.rest.NewsletterDtos.InterestDto;
import org.privacysuite.newsletter.rest.NewsletterDtos.MyNewsletterDto;
import org.privacysuite.newsletter.rest.NewsletterDtos.SubscriptionDto;

/** The subscriber's own view: the subscription and the newsletter's part of the interest profile, weighted as of now. */
@ApplicationScoped
public class MyNewsletterView {

    @Inject
    InterestDecay decay;

    @Inject
    Clock clock;

    MyNewsletterDto of(Subscriber subscriber) {
        Instant now = Instant.now(clock);
        return QuarkusTransaction.joiningExisting().call(() -> new MyNewsletterDto(SubscriptionDto.of(subscriber),
                InterestScore.ofSubjects(subscriber.personalisationSubjects(), InterestPurpose.NEWSLETTER).stream()
                        .map(s -> new InterestDto(s.subjectId, s.topicKey, InterestDecay.rounded(decay.weight(s, now)),
                                s.updatedAt)).toList()));
    }
}
