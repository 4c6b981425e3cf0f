package org.privacysuite.newsletter.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.privacysuite.newsletter.domain.ConfirmationToken;
import org.privacysuite.newsletter.domain.SendLogEntry;
import org.privacysuite.newsletter.domain.Subscriber;

/**
 * Ends subscriptions for good, leaving only each address's keyed hash on the suppression list: the subscriber rows
 * (address, topics, account and device link), their confirmation links and their send log go. One place for the
 * three ways a subscription goes: an erasure, an objection to direct marketing, and the retention of an address that
 * unsubscribed. (Personalisation data is not touched here: each caller decides.)
 */
@ApplicationScoped
public class SubscriberRemoval {

    @Inject
    SuppressionList suppression;

    /** What went, per record type. */
    public record Removed(long subscribers, long tokens, long sendLog) {
    }

    /**
     * @param reason why the addresses are suppressed ({@code SuppressionEntry.REASON_*}); an address already listed
     *        keeps its entry and reason
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Removed removeKeepingSuppression(List<Subscriber> subscribers, String reason) {
        if (subscribers.isEmpty()) {
            return new Removed(0, 0, 0);
        }
        List<String> ids = subscribers.stream().map(s -> s.id).toList();
        subscribers.forEach(s -> suppression.suppress(s.emailKey, reason));
        long tokens = ConfirmationToken.delete("subscriberId in ?1", ids);
        // The send log only keeps an issue from going twice to a subscriber: with the subscriber gone it has no
        // purpose left, and no later access or erasure request could find it (it names only the deleted id).
        long sendLog = SendLogEntry.deleteOfSubscribers(ids);
        long deleted = Subscriber.delete("id in ?1", ids);
        return new Removed(deleted, tokens, sendLog);
    }
}
