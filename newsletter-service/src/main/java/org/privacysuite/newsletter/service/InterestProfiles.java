package org.privacysuite.newsletter.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.privacysuite.consentclient.ConsentDecision;
import org.privacysuite.consentclient.ConsentGate;
import org.privacysuite.consentclient.ConsentUnavailableException;
import org.privacysuite.newsletter.config.NewsletterConfig;
import org.privacysuite.newsletter.domain.BrowsingEvent;
import org.privacysuite.newsletter.domain.InterestScore;
import org.privacysuite.newsletter.domain.SubjectType;
import org.privacysuite.newsletter.domain.Subscriber;

/**
 * Browsing-based interest profiles, kept only with consent. A browsing event is stored only when (1) it names a
 * newsletter topic, (2) the device or account belongs to an active subscription (the statement collects browsing
 * data "when you subscribe"), and (3) consent-service says {@code newsletter-personalisation} is granted for that
 * subject. Otherwise it is dropped, counted in {@code newsletter.browsing.dropped{reason}} and never written.
 * Withdrawal (a {@code consent.changed.v1}) or unsubscribing deletes the profile and the events.
 */
@ApplicationScoped
public class InterestProfiles {

    public static final String PURPOSE = "newsletter-personalisation";

    private static final Logger LOG = Logger.getLogger(InterestProfiles.class);

    @Inject
    ConsentGate gate;

    @Inject
    TopicCatalogue catalogue;

    @Inject
    NewsletterConfig config;

    @Inject
    EntityManager em;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    public enum DropReason {
        UNKNOWN_TOPIC("unknown-topic"),
        NOT_SUBSCRIBED("not-subscribed"),
        NO_CONSENT("no-consent"),
        CONSENT_UNAVAILABLE("consent-unavailable");

        public final String tag;

        DropReason(String tag) {
            this.tag = tag;
        }
    }

    /** What happened to a browsing event: stored, or dropped for a reason. */
    public record Outcome(boolean stored, DropReason dropped) {
    }

    public Outcome record(String subject, SubjectType type, List<String> topics) {
        Set<String> known = catalogue.byKey().keySet();
        List<String> relevant = topics.stream().distinct().filter(known::contains)
                .limit(config.browsing().maxTopicsPerEvent()).toList();
        if (relevant.isEmpty()) {
            return drop(DropReason.UNKNOWN_TOPIC);
        }
        if (!QuarkusTransaction.requiringNew().call(() -> Subscriber.activeFor(subject))) {
            return drop(DropReason.NOT_SUBSCRIBED);
        }
        ConsentDecision decision;
        try {
            decision = gate.decideCached(subject, PURPOSE);
        } catch (ConsentUnavailableException e) {
            return drop(DropReason.CONSENT_UNAVAILABLE); // fail closed: without an answer nothing is stored
        }
        if (!decision.allowed()) {
            return drop(DropReason.NO_CONSENT);
        }
        QuarkusTransaction.requiringNew().run(() -> store(subject, type, relevant));
        registry.counter("newsletter.browsing.stored").increment();
        return new Outcome(true, null);
    }

    private Outcome drop(DropReason reason) {
        registry.counter("newsletter.browsing.dropped", "reason", reason.tag).increment();
        return new Outcome(false, reason);
    }

    void store(String subject, SubjectType type, List<String> topics) {
        Instant now = Instant.now(clock);
        BrowsingEvent event = new BrowsingEvent();
        event.subjectId = subject;
        event.subjectType = type;
        event.topics = String.join(",", topics);
        event.occurredAt = now;
        event.persist();
        for (String topic : topics) {
            em.createNativeQuery("INSERT INTO interest_score (subject_id, topic_key, score, updated_at)"
                    + " VALUES (:subject, :topic, 1, :now) ON DUPLICATE KEY UPDATE score = score + 1, updated_at = :now")
                    .setParameter("subject", subject).setParameter("topic", topic).setParameter("now", now)
                    .executeUpdate();
        }
    }

    /**
     * The interest scores usable for this subscriber's copy: those of its account and device for which
     * personalisation consent holds right now. Empty means the generic order.
     */
    public Map<String, Long> usableInterests(List<String> subjects) {
        Map<String, Long> scores = new HashMap<>();
        for (String subject : subjects) {
            boolean allowed;
            try {
                allowed = gate.decideCached(subject, PURPOSE).allowed();
            } catch (ConsentUnavailableException e) {
                LOG.debugf("Consent unavailable for a recipient; generic order");
                allowed = false;
            }
            if (allowed) {
                QuarkusTransaction.requiringNew().call(() -> InterestScore.ofSubjects(List.of(subject)))
                        .forEach(s -> scores.merge(s.topicKey, s.score, Long::sum));
            }
        }
        return scores;
    }

    /** Deletes the profiles and browsing events of these subjects; returns {scores, events} deleted. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long[] forget(Collection<String> subjects) {
        return new long[] { InterestScore.deleteOfSubjects(subjects), BrowsingEvent.deleteOfSubjects(subjects) };
    }

    /**
     * After a subscription ended: the personalisation data of its account and device goes too, unless another active
     * subscription still uses that subject.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forgetUnused(Subscriber ended) {
        Set<String> unused = new LinkedHashSet<>();
        for (String subject : ended.personalisationSubjects()) {
            if (!Subscriber.activeFor(subject)) {
                unused.add(subject);
            }
        }
        forget(unused);
    }
}
