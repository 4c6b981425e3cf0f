package org.privacysuite.newsletter.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.newsletter.config.NewsletterConfig;
import org.privacysuite.newsletter.domain.Offer;
import org.privacysuite.newsletter.domain.Topic;

/**
 * The offers catalogue (marketing role). {@code GET /api/offers} is the hot path, so each replica serves the
 * catalogue and the topic titles from memory for {@code offers.catalogue-cache-ttl}; a change made here is seen here
 * at once and by the other replicas within that time.
 */
@ApplicationScoped
public class OfferCatalogue {

    @Inject
    TopicCatalogue topics;

    @Inject
    NewsletterConfig config;

    @Inject
    Clock clock;

    private volatile Snapshot snapshot;

    /** An offer as the hot path reads it: immutable, detached from the database. */
    public record Item(String key, String title, String description, String link, List<String> topics,
            Instant validFrom, Instant validUntil, int fallbackRank) {

        static Item of(Offer offer) {
            return new Item(offer.key, offer.title, offer.description, offer.link, offer.topicList(), offer.validFrom,
                    offer.validUntil, offer.fallbackRank);
        }

        public boolean validAt(Instant at) {
            return (validFrom == null || !at.isBefore(validFrom)) && (validUntil == null || at.isBefore(validUntil));
        }
    }

    /** The catalogue in its non-personalised order (fallback rank, then key), and the topic titles. */
    public record Snapshot(List<Item> offers, Map<String, String> topicTitles, Instant loadedAt) {

        public String title(String topic) {
            return topicTitles.getOrDefault(topic, topic);
        }
    }

    /** What marketing writes. */
    public record Draft(String title, String description, String link, List<String> topics, Instant validFrom,
            Instant validUntil, int fallbackRank) {
    }

    public record Upserted(Offer offer, boolean created) {
    }

    public Snapshot current() {
        Snapshot current = snapshot;
        Instant now = Instant.now(clock);
        if (current == null || !now.isBefore(current.loadedAt().plus(config.offers().catalogueCacheTtl()))
                || now.isBefore(current.loadedAt())) {
            current = QuarkusTransaction.requiringNew().call(() -> new Snapshot(
                    Offer.all().stream().map(Item::of).toList(),
                    Topic.all().stream().collect(Collectors.toUnmodifiableMap(t -> t.key, t -> t.title)), now));
            snapshot = current;
        }
        return current;
    }

    /** The offers valid now, in the non-personalised order. */
    public List<Item> valid(Snapshot snapshot, Instant now) {
        return snapshot.offers().stream().filter(o -> o.validAt(now)).toList();
    }

    public List<Offer> all() {
        return Offer.all();
    }

    /** @throws ProblemException 400 on unknown topics, an empty validity window or a link that is not ours or https */
    @Transactional
    public Upserted upsert(String key, Draft draft, String by) {
        topics.requireKnown("topics", draft.topics());
        if (draft.validFrom() != null && draft.validUntil() != null && !draft.validUntil().isAfter(draft.validFrom())) {
            throw ProblemException.invalid("validUntil", "must be after validFrom");
        }
        checkLink(draft.link());
        Offer offer = Offer.findById(key);
        boolean created = offer == null;
        if (created) {
            offer = new Offer();
            offer.key = key;
        }
        offer.title = draft.title();
        offer.description = draft.description();
        offer.link = draft.link();
        offer.topics = String.join(",", draft.topics().stream().distinct().toList());
        offer.validFrom = draft.validFrom();
        offer.validUntil = draft.validUntil();
        offer.fallbackRank = draft.fallbackRank();
        offer.updatedAt = Instant.now(clock);
        offer.updatedBy = by;
        if (created) {
            offer.persist();
        }
        snapshot = null;
        return new Upserted(offer, created);
    }

    @Transactional
    public boolean delete(String key) {
        boolean deleted = Offer.deleteById(key);
        snapshot = null;
        return deleted;
    }

    /**
     * A link the storefront puts in an anchor: a path on the site, or an https URL. Anything else (javascript:,
     * data:, protocol-relative //host) is refused: the catalogue must not become a way to run script on the shop.
     */
    static void checkLink(String link) {
        if (link == null) {
            return;
        }
        boolean sitePath = link.startsWith("/") && !link.startsWith("//") && !link.contains("\\");
        boolean https = false;
        try {
            URI uri = URI.create(link);
            https = "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            // neither form: refused below
        }
        if (!sitePath && !https) {
            throw ProblemException.invalid("link", "must be a path on this site (/...) or an https URL");
        }
    }
}
