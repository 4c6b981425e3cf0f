package org.privacysuite.newsletter.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.privacysuite.consentclient.ConsentGate;
import org.privacysuite.consentclient.ConsentUnavailableException;
import org.privacysuite.newsletter.config.NewsletterConfig;
import org.privacysuite.newsletter.domain.BrowsingEvent;
import org.privacysuite.newsletter.domain.InterestPurpose;
import org.privacysuite.newsletter.domain.InterestScore;
import org.privacysuite.newsletter.domain.SubjectType;
import org.privacysuite.newsletter.domain.Subscriber;

/**
 * The suite's one interest profile, kept only with consent, per purpose ({@link InterestPurpose}). A page view
 * (its topics) is added for each purpose that admits it and dropped for the others, counted in
 * {@code newsletter.browsing.dropped{purpose,reason}} and never written:
 * <ul>
 * <li>{@code newsletter-personalisation}: the device or account belongs to an active subscription (the statement
 * collects browsing data "when you subscribe") and its consent holds. The newsletter also keeps the event itself
 * (topics and time: the reading history it exports and ports).</li>
 * <li>{@code advertising-cookies}: the consent holds and the request carries no Global Privacy Control signal. Only
 * the topic counts are kept.</li>
 * </ul>
 * Only topics of the catalogue count. If consent-service cannot answer, nothing is stored (fail closed). A
 * withdrawal ({@code consent.changed.v1}) deletes that purpose's rows; unsubscribing deletes the newsletter's.
 */
@ApplicationScoped
public class InterestProfiles {

    private static final Logger LOG = Logger.getLogger(InterestProfiles.class);

    @Inject
    ConsentGate gate;

    @Inject
    TopicCatalogue catalogue;

    @Inject
    NewsletterConfig config;

    @Inject
    InterestDecay decay;

    @Inject
    EntityManager em;

    @Inject
    ProfileReads reads;

    @Inject
    Event<ProfileReads.Changed> changed;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    public enum DropReason {
        UNKNOWN_TOPIC("unknown-topic"),
        NOT_SUBSCRIBED("not-subscribed"),
        NO_CONSENT("no-consent"),
        GPC("gpc"),
        CONSENT_UNAVAILABLE("consent-unavailable");

        public final String tag;

        DropReason(String tag) {
            this.tag = tag;
        }
    }

    /** What happened to a page view, per purpose: stored (no reason), or dropped for a reason. */
    public record Outcome(Map<InterestPurpose, DropReason> dropped) {

        public boolean stored(InterestPurpose purpose) {
            return !dropped.containsKey(purpose);
        }

        public boolean storedAny() {
            return dropped.size() < InterestPurpose.values().length;
        }
    }

    /** A page view: its catalogue topics, for the subject, with or without a GPC signal on the request. */
    public Outcome record(String subject, SubjectType type, List<String> topics, boolean gpc) {
        Set<String> known = catalogue.byKey().keySet();
        List<String> relevant = topics.stream().distinct().filter(known::contains)
                .limit(config.browsing().maxTopicsPerEvent()).toList();
        Map<InterestPurpose, DropReason> dropped = new EnumMap<>(InterestPurpose.class);
        for (InterestPurpose purpose : InterestPurpose.values()) {
            DropReason reason = relevant.isEmpty() ? DropReason.UNKNOWN_TOPIC : admit(purpose, subject, gpc);
            if (reason != null) {
                dropped.put(purpose, reason);
                registry.counter("newsletter.browsing.dropped", "purpose", purpose.key, "reason", reason.tag).increment();
            }
        }
        Outcome outcome = new Outcome(dropped);
        if (outcome.storedAny()) {
            QuarkusTransaction.requiringNew().run(() -> store(subject, type, relevant, outcome));
        }
        for (InterestPurpose purpose : InterestPurpose.values()) {
            if (outcome.stored(purpose)) {
                registry.counter("newsletter.browsing.stored", "purpose", purpose.key).increment();
            }
        }
        return outcome;
    }

    /** Why this purpose may not collect the view, or null when it may. */
    private DropReason admit(InterestPurpose purpose, String subject, boolean gpc) {
        if (purpose == InterestPurpose.NEWSLETTER
                && !QuarkusTransaction.requiringNew().call(() -> Subscriber.activeFor(subject))) {
            return DropReason.NOT_SUBSCRIBED; // consent-service is not even asked: no subscription, no purpose
        }
        if (purpose == InterestPurpose.OFFERS && gpc) {
            return DropReason.GPC; // advertising is GPC-governed: the signal is an opt-out, whatever was recorded
        }
        try {
            return allowed(subject, purpose) ? null : DropReason.NO_CONSENT;
        } catch (ConsentUnavailableException e) {
            return DropReason.CONSENT_UNAVAILABLE; // fail closed: without an answer nothing is stored
        }
    }

    /** @throws ConsentUnavailableException when consent-service cannot answer (callers fail closed) */
    public boolean allowed(String subject, InterestPurpose purpose) {
        return gate.decideCached(subject, purpose.key).allowed();
    }

    void store(String subject, SubjectType type, List<String> topics, Outcome outcome) {
        Instant now = Instant.now(clock);
        changed.fire(ProfileReads.Changed.of(List.of(subject)));
        if (outcome.stored(InterestPurpose.NEWSLETTER)) {
            BrowsingEvent event = new BrowsingEvent();
            event.subjectId = subject;
            event.subjectType = type;
            event.topics = String.join(",", topics);
            event.occurredAt = now;
            event.persist();
        }
        for (InterestPurpose purpose : InterestPurpose.values()) {
            if (!outcome.stored(purpose)) {
                continue;
            }
            for (String topic : topics) {
                // The old score fades to now, then the visit adds one (MySQL assigns left to right, so the score
                // is computed from the old updated_at).
                em.createNativeQuery("INSERT INTO interest_score (subject_id, purpose, topic_key, score, updated_at)"
                        + " VALUES (:subject, :purpose, :topic, 1, :now) ON DUPLICATE KEY UPDATE"
                        + " score = score * POW(0.5, GREATEST(0, TIMESTAMPDIFF(MICROSECOND, updated_at, :now)) / :halfLife) + 1,"
                        + " updated_at = GREATEST(updated_at, :now)")
                        .setParameter("subject", subject).setParameter("purpose", purpose.key)
                        .setParameter("topic", topic).setParameter("now", now)
                        .setParameter("halfLife", decay.halfLifeMicros()).executeUpdate();
            }
        }
    }

    /**
     * The subjects' interest weights for one purpose, now, only of the subjects whose consent to it holds right now
     * (a failed check counts as no consent). Empty means no personalisation.
     */
    public Map<String, Double> usableInterests(List<String> subjects, InterestPurpose purpose) {
        Map<String, Double> weights = new HashMap<>();
        Instant now = Instant.now(clock);
        for (String subject : subjects) {
            boolean allowed;
            try {
                allowed = allowed(subject, purpose);
            } catch (ConsentUnavailableException e) {
                LOG.debugf("Consent unavailable for %s; not personalised", purpose.key);
                allowed = false;
            }
            if (allowed) {
                weights(subject, purpose, now).forEach((topic, weight) -> weights.merge(topic, weight, Double::sum));
            }
        }
        return weights;
    }

    /** One subject's weights for one purpose at {@code now} ({@link ProfileReads}: from memory when read lately). */
    public Map<String, Double> weights(String subject, InterestPurpose purpose, Instant now) {
        Map<String, Double> weights = new HashMap<>();
        for (ProfileReads.Row row : reads.rows(subject, purpose)) {
            weights.put(row.topic(), decay.weight(row.score(), row.updatedAt(), now));
        }
        return weights;
    }

    /** Deletes every purpose's profile and the browsing events of these subjects; returns {scores, events} deleted. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long[] forget(Collection<String> subjects) {
        changed.fire(ProfileReads.Changed.of(subjects));
        return new long[] { InterestScore.deleteOfSubjects(subjects), BrowsingEvent.deleteOfSubjects(subjects) };
    }

    /**
     * Deletes one purpose's profile of these subjects (and, for the newsletter, its browsing events); returns
     * {scores, events} deleted.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long[] forget(Collection<String> subjects, InterestPurpose purpose) {
        changed.fire(ProfileReads.Changed.of(subjects));
        long events = purpose == InterestPurpose.NEWSLETTER ? BrowsingEvent.deleteOfSubjects(subjects) : 0;
        return new long[] { InterestScore.deleteOfSubjects(subjects, purpose), events };
    }

    /**
     * After a subscription ended: the newsletter personalisation of its account and device goes too, unless another
     * active subscription still uses that subject. The offers' rows stay: their consent is another.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forgetUnused(Subscriber ended) {
        Set<String> unused = new LinkedHashSet<>();
        for (String subject : ended.personalisationSubjects()) {
            if (!Subscriber.activeFor(subject)) {
                unused.add(subject);
            }
        }
        forget(unused, InterestPurpose.NEWSLETTER);
    }
}
