package org.privacysuite.newsletter.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.privacysuite.consentclient.ConsentUnavailableException;
import org.privacysuite.newsletter.domain.InterestPurpose;
import org.privacysuite.newsletter.service.OfferCatalogue.Item;
import org.privacysuite.newsletter.service.OfferCatalogue.Snapshot;

/**
 * Chooses the offers a visitor sees. By interest only while the subject's {@code advertising-cookies} consent holds
 * (asked now; a GPC signal opts out whatever was recorded), and only from the rows collected under that purpose;
 * otherwise, and whenever there is nothing to go on, the same non-personalised order for everyone. The answer says
 * which and why. The profile never leaves this service.
 */
@ApplicationScoped
public class OfferRanking {

    /** Why the order is what it is. */
    public enum Basis {
        INTERESTS("interests", "Chosen by the interests your visits showed (%s), because you allow advertising cookies."),
        NO_SUBJECT("no-device", "Our current offers, the same for everyone."),
        GPC("gpc", "Our current offers, the same for everyone: your browser sends a Global Privacy Control signal, so"
                + " your interests are not used."),
        NO_CONSENT("no-consent", "Our current offers, the same for everyone: you have not allowed advertising cookies,"
                + " so your interests are not used."),
        CONSENT_UNAVAILABLE("consent-unavailable", "Our current offers, the same for everyone: your consent could not"
                + " be checked just now, so your interests are not used."),
        NO_PROFILE("no-profile", "Our current offers, the same for everyone: no interests of yours are known yet."),
        NO_MATCH("no-match", "Our current offers, the same for everyone: none of them matches your interests.");

        public final String tag;
        final String explanation;

        Basis(String tag, String explanation) {
            this.tag = tag;
            this.explanation = explanation;
        }
    }

    /** One chosen offer, with the visitor's topics it matched (empty when not personalised). */
    public record Chosen(Item offer, List<String> matchedTopics) {
    }

    public record Choice(Basis basis, String explanation, List<Chosen> offers) {

        public boolean personalised() {
            return basis == Basis.INTERESTS;
        }
    }

    @Inject
    OfferCatalogue catalogue;

    @Inject
    InterestProfiles profiles;

    @Inject
    Clock clock;

    public Choice choose(Optional<String> subject, int limit, boolean gpc) {
        Instant now = Instant.now(clock);
        Snapshot snapshot = catalogue.current();
        List<Item> valid = catalogue.valid(snapshot, now);
        if (subject.isEmpty()) {
            return standard(Basis.NO_SUBJECT, valid, limit);
        }
        if (gpc) {
            return standard(Basis.GPC, valid, limit);
        }
        try {
            if (!profiles.allowed(subject.get(), InterestPurpose.OFFERS)) {
                return standard(Basis.NO_CONSENT, valid, limit);
            }
        } catch (ConsentUnavailableException e) {
            return standard(Basis.CONSENT_UNAVAILABLE, valid, limit);
        }
        Map<String, Double> weights = profiles.weights(subject.get(), InterestPurpose.OFFERS, now);
        if (weights.isEmpty()) {
            return standard(Basis.NO_PROFILE, valid, limit);
        }
        Map<Item, Double> scores = new IdentityHashMap<>();
        valid.forEach(o -> scores.put(o, o.topics().stream().mapToDouble(t -> weights.getOrDefault(t, 0.0)).sum()));
        if (scores.values().stream().noneMatch(s -> s > 0)) {
            return standard(Basis.NO_MATCH, valid, limit);
        }
        // A stable sort: equal scores (and offers matching nothing) keep the non-personalised order.
        List<Chosen> ranked = valid.stream().sorted(Comparator.comparingDouble((Item o) -> scores.get(o)).reversed())
                .limit(limit).map(o -> new Chosen(o, o.topics().stream().filter(t -> weights.getOrDefault(t, 0.0) > 0)
                        .sorted(Comparator.comparingDouble((String t) -> weights.get(t)).reversed()).toList()))
                .toList();
        List<String> top = weights.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(3).map(e -> snapshot.title(e.getKey())).toList();
        return new Choice(Basis.INTERESTS, Basis.INTERESTS.explanation.formatted(String.join(", ", top)), ranked);
    }

    private static Choice standard(Basis basis, List<Item> valid, int limit) {
        return new Choice(basis, basis.explanation, valid.stream().limit(limit).map(o -> new Chosen(o, List.of())).toList());
    }
}
