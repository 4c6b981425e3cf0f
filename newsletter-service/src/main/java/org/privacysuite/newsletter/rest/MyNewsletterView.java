package org.privacysuite.newsletter.rest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.privacysuite.newsletter.domain.InterestScore;
import org.privacysuite.newsletter.domain.Subscriber;
import org.privacysuite.newsletter.rest.NewsletterDtos.InterestDto;
import org.privacysuite.newsletter.rest.NewsletterDtos.MyNewsletterDto;
import org.privacysuite.newsletter.rest.NewsletterDtos.SubscriptionDto;

@ApplicationScoped
public class MyNewsletterView {

    MyNewsletterDto of(Subscriber subscriber) {
        return QuarkusTransaction.joiningExisting().call(() -> new MyNewsletterDto(SubscriptionDto.of(subscriber),
                InterestScore.ofSubjects(subscriber.personalisationSubjects()).stream()
                        .map(s -> new InterestDto(s.subjectId, s.topicKey, s.score, s.updatedAt)).toList()));
    }
}
