package org.privacysuite.newsletter.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.privacysuite.events.catalogue.AccessRequested;
import org.privacysuite.events.participant.AccessAnswers;
import org.privacysuite.events.participant.PortableData;
import org.privacysuite.newsletter.domain.BrowsingEvent;
import org.privacysuite.newsletter.domain.ConfirmationToken;
import org.privacysuite.newsletter.domain.InterestPurpose;
import org.privacysuite.newsletter.domain.InterestScore;
import org.privacysuite.newsletter.domain.Issue;
import org.privacysuite.newsletter.domain.SendLogEntry;
import org.privacysuite.newsletter.domain.Subscriber;
import org.privacysuite.newsletter.service.EmailAddresses;
import org.privacysuite.newsletter.service.InterestDecay;
import org.privacysuite.newsletter.service.SuppressionList;

/**
 * Answers an access request with everything newsletter-service holds about the person: subscriptions with their
 * topics, interest profiles, browsing events, which issues were sent to them, and whether the request's addresses
 * are on the suppression list. Confirmation token values are never exported (only hashes are stored).
 */
@ApplicationScoped
public class NewsletterExport {

    @Inject
    ObjectMapper mapper;

    @Inject
    EmailAddresses addresses;

    @Inject
    SuppressionList suppression;

    @Inject
    AccessAnswers answers;

    @Inject
    InterestDecay decay;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void export(AccessRequested request) {
        answers.send(request, NewsletterErasure.SERVICE, request.portable() ? portable(request) : data(request));
    }

    /**
     * Portability (GDPR Art. 20): only what the person provided ({@code subscriber}) or what was observed of their
     * reading ({@code browsing-event}), as flat rows; the interest profile is inferred, the send log and the
     * suppression list are the business's own records (see {@link NewsletterParticipant#recordTypes()}).
     */
    ObjectNode portable(AccessRequested request) {
        Identified found = Identified.of(request.subjectId(), request.identities(), addresses);
        return PortableData.of(NewsletterParticipant.DECLARED)
                .rows("subscriber", found.subscribers().stream().map(s -> new SubscriberRow(s.email,
                        String.join(",", new TreeSet<>(s.topics)), s.status.name(), s.subscribedAt, s.confirmedAt,
                        s.unsubscribedAt)).toList())
                .rows("browsing-event", BrowsingEvent.ofSubjects(found.subjects()).stream().map(e -> new BrowsingRow(
                        e.subjectId, e.subjectType.name(), String.join(",", e.topicList()), e.occurredAt)).toList())
                .toJson(mapper);
    }

    ObjectNode data(AccessRequested request) {
        Identified found = Identified.of(request.subjectId(), request.identities(), addresses);
        ObjectNode data = mapper.createObjectNode();
        data.put("subjectId", request.subjectId());
        ArrayNode subscriptions = data.putArray("subscriptions");
        for (Subscriber s : found.subscribers()) {
            long openLinks = ConfirmationToken.count("subscriberId = ?1 and usedAt is null and revokedAt is null",
                    s.id);
            subscriptions.add(mapper.valueToTree(new SubscriptionExport(s.id, s.email, s.status.name(), s.topics.stream().sorted().toList(),
                    s.accountId, s.deviceId, s.subscribedAt, s.confirmedAt, s.unsubscribedAt, s.afterSuppression,
                    openLinks)));
        }
        ObjectNode profiles = data.putObject("interestProfiles");
        Instant now = Instant.now(clock);
        InterestScore.ofSubjects(found.subjects()).forEach(score -> {
            ArrayNode list = profiles.has(score.subjectId) ? (ArrayNode) profiles.get(score.subjectId)
                    : profiles.putArray(score.subjectId);
            InterestPurpose purpose = InterestPurpose.ofKey(score.purpose).orElseThrow();
            list.add(mapper.valueToTree(new InterestExport(score.topicKey, InterestDecay.rounded(decay.weight(score, now)),
                    score.updatedAt, score.purpose, purpose.usedFor)));
        });
        data.set("browsingEvents", mapper.valueToTree(BrowsingEvent.ofSubjects(found.subjects()).stream()
                .map(e -> new BrowsingExport(e.subjectId, e.subjectType.name(), e.topicList(), e.occurredAt)).toList()));
        List<SendLogEntry> sends = SendLogEntry.ofSubscribers(found.subscriberIds());
        Map<String, Issue> issues = sends.isEmpty() ? Map.of()
                : Issue.<Issue>list("id in ?1", sends.stream().map(e -> e.issueId).distinct().toList()).stream()
                        .collect(Collectors.toMap(i -> i.id, Function.identity()));
        data.set("deliveries", mapper.valueToTree(sends.stream().map(e -> new DeliveryExport(e.issueId,
                issues.containsKey(e.issueId) ? issues.get(e.issueId).subject : null, e.subscriberId, e.status.name(),
                e.personalised, e.updatedAt)).toList()));
        ArrayNode suppressed = data.putArray("suppressionList");
        for (String email : request.identities().emails()) {
            addresses.keyOf(email).ifPresent(key -> suppressed.addObject().put("email", email)
                    .put("suppressed", suppression.isSuppressed(key)));
        }
        return data;
    }

    /** Portable {@code subscriber}: topics as one comma-separated value, in alphabetical order (a flat row). */
    public record SubscriberRow(String email, String topics, String status, Instant subscribedAt, Instant confirmedAt,
            Instant unsubscribedAt) {
    }

    /** Portable {@code browsing-event}: which device or account read which topics, when. */
    public record BrowsingRow(String subject, String subjectType, String topics, Instant occurredAt) {
    }

    public record SubscriptionExport(String id, String email, String status, List<String> topics, String accountId,
            String deviceId, Instant subscribedAt, Instant confirmedAt, Instant unsubscribedAt,
            boolean resubscribedAfterSuppression, long openConfirmationLinks) {
    }

    /**
     * One topic of a profile: {@code score} is its weight as of the export (about that many recent visits; a visit
     * one half-life ago counts half), with the consent purpose it was collected under and what it is used for.
     */
    public record InterestExport(String topic, double score, Instant updatedAt, String purpose, String usedFor) {
    }

    public record BrowsingExport(String subject, String subjectType, List<String> topics, Instant occurredAt) {
    }

    public record DeliveryExport(String issueId, String issueSubject, String subscriptionId, String status,
            boolean personalised, Instant at) {
    }
}
