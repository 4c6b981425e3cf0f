package org.privacysuite.newsletter.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.privacysuite.consentclient.ConsentGate;
import org.privacysuite.events.catalogue.ErasureAction;
import org.privacysuite.events.catalogue.ErasureCompleted;
import org.privacysuite.events.catalogue.ErasureOutcome;
import org.privacysuite.events.catalogue.ErasureRequested;
import org.privacysuite.events.catalogue.RecordTypeResult;
import org.privacysuite.events.catalogue.RetainedItem;
import org.privacysuite.events.outbox.Outbox;
import org.privacysuite.newsletter.domain.InterestPurpose;
import org.privacysuite.newsletter.domain.SuppressionEntry;
import org.privacysuite.newsletter.service.EmailAddresses;
import org.privacysuite.newsletter.service.InterestProfiles;
import org.privacysuite.newsletter.service.SubscriberRemoval;
import org.privacysuite.newsletter.service.SuppressionList;

/**
 * Erases a person's newsletter data. Declared per record type:
 * <ul>
 * <li>{@code subscriber} DELETE: the address, status, topics, account and device link;</li>
 * <li>{@code token} DELETE: confirmation links (unsubscribe links are not stored; they name the deleted
 * subscriber and so do nothing any more);</li>
 * <li>{@code send-log} DELETE: which issues were sent to the subscriber;</li>
 * <li>{@code interest-profile} DELETE and {@code browsing-event} DELETE, for the account, the request's devices and
 * the subscriptions' devices;</li>
 * <li>{@code suppression-entry} RETAIN, without end date: an HMAC-SHA256 of the canonical address under a key kept
 * outside the database, so that the erased address is never mailed or imported again without a fresh double
 * opt-in. It is all that remains, and cannot be turned back into the address without the key.</li>
 * </ul>
 * The request's mode does not matter here: everything the newsletter holds rests on consent or on the objection.
 */
@ApplicationScoped
public class NewsletterErasure {

    public static final String SERVICE = "newsletter-service";
    public static final String SUPPRESSION_LEGAL_BASIS = "Art. 17(3)(b) GDPR / CASL: honour the objection to direct marketing";

    @Inject
    EmailAddresses addresses;

    @Inject
    SuppressionList suppression;

    @Inject
    SubscriberRemoval removal;

    @Inject
    InterestProfiles profiles;

    @Inject
    ConsentGate gate;

    @Inject
    Outbox outbox;

    @Transactional(Transactional.TxType.MANDATORY)
    public void erase(ErasureRequested request) {
        Identified found = Identified.of(request.subjectId(), request.identities(), addresses);

        // The suppression list covers every erased address and the addresses the request names that are on it.
        Set<String> suppressedKeys = new LinkedHashSet<>();
        found.subscribers().forEach(subscriber -> suppressedKeys.add(subscriber.emailKey));
        SubscriberRemoval.Removed removed = removal.removeKeepingSuppression(found.subscribers(),
                SuppressionEntry.REASON_ERASURE);
        found.emailKeys().stream().filter(suppression::isSuppressed).forEach(suppressedKeys::add);
        long subscribers = removed.subscribers();
        long tokens = removed.tokens();
        long sendLog = removed.sendLog();
        long[] personalisation = profiles.forget(found.subjects());
        for (InterestPurpose purpose : InterestPurpose.values()) {
            found.subjects().forEach(s -> gate.forget(s, purpose.key));
        }

        List<RecordTypeResult> records = List.of(
                new RecordTypeResult("subscriber", ErasureAction.DELETE, subscribers),
                new RecordTypeResult("token", ErasureAction.DELETE, tokens),
                new RecordTypeResult("send-log", ErasureAction.DELETE, sendLog),
                new RecordTypeResult("interest-profile", ErasureAction.DELETE, personalisation[0]),
                new RecordTypeResult("browsing-event", ErasureAction.DELETE, personalisation[1]),
                new RecordTypeResult("suppression-entry", ErasureAction.RETAIN, suppressedKeys.size()));
        long erased = subscribers + tokens + sendLog + personalisation[0] + personalisation[1];
        List<RetainedItem> retained = suppressedKeys.isEmpty() ? List.of()
                : List.of(new RetainedItem("suppression-entry", SUPPRESSION_LEGAL_BASIS, null));
        outbox.publish(new ErasureCompleted(request.requestId(), request.subjectId(), SERVICE,
                erased == 0 ? ErasureOutcome.NOTHING_FOUND : ErasureOutcome.ERASED, records, null, null, retained));
    }
}
