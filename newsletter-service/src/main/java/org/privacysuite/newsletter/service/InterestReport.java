package org.privacysuite.newsletter.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.privacysuite.newsletter.domain.InterestPurpose;
import org.privacysuite.newsletter.domain.InterestScore;
import org.privacysuite.newsletter.domain.SubjectType;

/**
 * What the site thinks of a visitor, in words they can read (GDPR Art. 15 for a profile, Art. 21's "right to know"
 * before objecting), and its deletion.
 */
@ApplicationScoped
public class InterestReport {

    @Inject
    InterestProfiles profiles;

    @Inject
    InterestDecay decay;

    @Inject
    OfferCatalogue catalogue;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    /** One topic of the profile: its weight now is about that many recent visits. */
    public record Interest(String topic, String title, InterestPurpose purpose, double weight, String strength,
            Instant lastSeenAt) {
    }

    public record Report(String subject, SubjectType subjectType, String summary, List<Interest> interests) {
    }

    public Report of(String subject, SubjectType type) {
        Instant now = Instant.now(clock);
        OfferCatalogue.Snapshot titles = catalogue.current();
        List<Interest> interests = new ArrayList<>();
        for (InterestScore s : QuarkusTransaction.requiringNew().call(() -> InterestScore.ofSubjects(List.of(subject)))) {
            double weight = InterestDecay.rounded(decay.weight(s, now));
            InterestPurpose.ofKey(s.purpose).ifPresent(p -> interests.add(new Interest(s.topicKey, titles.title(s.topicKey),
                    p, weight, strength(weight), s.updatedAt)));
        }
        interests.sort(Comparator.comparing((Interest i) -> i.purpose()).thenComparing(Comparator.comparingDouble(
                Interest::weight).reversed()));
        return new Report(subject, type, summary(type, interests), interests);
    }

    /** Deletes every purpose's profile of the subject and the newsletter's browsing events of it. */
    @Transactional
    public long[] delete(String subject) {
        long[] deleted = profiles.forget(List.of(subject));
        if (deleted[0] + deleted[1] > 0) {
            registry.counter("newsletter.profiles.deleted", "reason", "visitor", "purpose", "all").increment();
        }
        return deleted;
    }

    static String strength(double weight) {
        return weight >= 5 ? "strong" : weight >= 2 ? "moderate" : "slight";
    }

    private String summary(SubjectType type, List<Interest> interests) {
        String whose = type == SubjectType.DEVICE ? "this device" : "your account";
        if (interests.isEmpty()) {
            return "We keep no interests for " + whose + ".";
        }
        StringBuilder text = new StringBuilder("From the topics of the pages " + whose + " viewed we think you are"
                + " interested in:");
        for (InterestPurpose purpose : InterestPurpose.values()) {
            List<String> topics = interests.stream().filter(i -> i.purpose() == purpose)
                    .map(i -> i.title() + " (" + i.strength() + ")").toList();
            if (!topics.isEmpty()) {
                text.append(' ').append(String.join(", ", topics)).append(", used only for ").append(purpose.usedFor)
                        .append(", while you allow ").append(purpose.consent).append('.');
            }
        }
        long days = decay.halfLife().toDays();
        return text.append(" Older visits count less: a visit's weight halves every ").append(days)
                .append(" days. Nobody outside the shop receives this, and you can delete it at any time.").toString();
    }
}
