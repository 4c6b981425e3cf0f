package org.privacysuite.newsletter.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.privacysuite.events.catalogue.AccessCompleted;
import org.privacysuite.events.catalogue.AccessRequested;
import org.privacysuite.events.outbox.Outbox;
import org.privacysuite.newsletter.domain.BrowsingEvent;
import org.privacysuite.newsletter.domain.ConfirmationToken;
import org.privacysuite.newsletter.domain.InterestScore;
import org.privacysuite.newsletter.domain.Issue;
import org.privacysuite.newsletter.domain.SendLogEntry;
import org.privacysuite.newsletter.domain.Subscriber;
import org.privacysuite.newsletter.service.EmailAddresses;
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
    Outbox outbox;

    @Transactional(Transactional.TxType.MANDATORY)
    public void export(AccessRequested request) {
        outbox.publish(new AccessCompleted(request.requestId(), request.subjectId(), NewsletterErasure.SERVICE,
                data(request)));
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
        InterestScore.ofSubjects(found.subjects()).forEach(score -> {
            ArrayNode list = profiles.has(score.subjectId) ? (ArrayNode) profiles.get(score.subjectId)
                    : profiles.putArray(score.subjectId);
            list.add(mapper.valueToTree(new InterestExport(score.topicKey, score.score, score.updatedAt)));
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

    public record SubscriptionExport(String id, String email, String status, List<String> topics, String accountId,
            String deviceId, Instant subscribedAt, Instant confirmedAt, Instant unsubscribedAt,
            boolean resubscribedAfterSuppression, long openConfirmationLinks) {
    }

    public record InterestExport(String topic, long score, Instant updatedAt) {
    }

    public record BrowsingExport(String subject, String subjectType, List<String> topics, Instant occurredAt) {
    }

    public record DeliveryExport(String issueId, String issueSubject, String subscriptionId, String status,
            boolean personalised, Instant at) {
    }
}
