package org.privacysuite.newsletter.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.events.catalogue.RectificationCompleted;
import org.privacysuite.events.catalogue.RectificationCompleted.FieldResult;
import org.privacysuite.events.catalogue.RectificationRequested;
import org.privacysuite.events.outbox.Outbox;
import org.privacysuite.newsletter.domain.Subscriber;
import org.privacysuite.newsletter.domain.SubscriptionStatus;
import org.privacysuite.newsletter.service.ConfirmationMails;
import org.privacysuite.newsletter.service.EmailAddresses;
import org.privacysuite.newsletter.service.SuppressionList;

/**
 * Corrects the address of the person's subscriptions (found by account and proven addresses, as for erasure). The
 * consent behind a subscription was given by the owner of the old address: a confirmed subscription moved to a new
 * address waits, PENDING, until the new address confirms it by the usual double opt-in link; its topics are kept.
 * Refused, with the reason: an invalid address, one that another subscription already uses, one erased and on the
 * suppression list (only its owner's fresh subscription lifts that).
 */
@ApplicationScoped
public class NewsletterRectification {

    static final String EMAIL = "email";
    private static final Logger LOG = Logger.getLogger(NewsletterRectification.class);

    @Inject
    EmailAddresses addresses;

    @Inject
    SuppressionList suppression;

    @Inject
    ConfirmationMails confirmations;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(RectificationRequested request) {
        List<Subscriber> subscribers = Identified.of(request.subjectId(), request.identities(), addresses).subscribers();
        if (subscribers.isEmpty()) {
            outbox.publish(RectificationCompleted.nothingFound(request, "no subscription of this person"));
            return;
        }
        List<FieldResult> results = request.changes().keySet().stream()
                .map(field -> EMAIL.equals(field) ? moveTo(subscribers, request.changes().get(field))
                        : FieldResult.refused(field, "newsletter-service holds no field of this name"))
                .toList();
        outbox.publish(RectificationCompleted.of(request, results));
    }

    private FieldResult moveTo(List<Subscriber> subscribers, String raw) {
        EmailAddresses.Address address;
        try {
            address = addresses.normalise(EMAIL, raw);
        } catch (ProblemException e) {
            return FieldResult.refused(EMAIL, "must be a well-formed email address");
        }
        List<Subscriber> moving = subscribers.stream().filter(s -> !s.emailKey.equals(address.key())).toList();
        if (moving.isEmpty()) {
            return FieldResult.unchanged(EMAIL);
        }
        if (moving.size() < subscribers.size() || Subscriber.byEmailKey(address.key()).isPresent()) {
            return FieldResult.refused(EMAIL, "the new address already has a subscription of its own");
        }
        if (moving.size() > 1) {
            return FieldResult.refused(EMAIL, "the person has several subscriptions; one address cannot hold them all");
        }
        if (suppression.isSuppressed(address.key())) {
            return FieldResult.refused(EMAIL, "the new address was erased from the newsletter; only a new"
                    + " subscription confirmed by its owner lifts that");
        }
        Subscriber subscriber = moving.get(0);
        boolean awaitsConsent = subscriber.status != SubscriptionStatus.UNSUBSCRIBED;
        subscriber.email = address.delivery();
        subscriber.emailKey = address.key();
        if (!awaitsConsent) {
            return FieldResult.changed(EMAIL, "the subscription stays ended");
        }
        Instant now = Instant.now(clock);
        subscriber.status = SubscriptionStatus.PENDING;
        subscriber.confirmedAt = null;
        subscriber.lastMailAt = now;
        return FieldResult.changed(EMAIL, sendConfirmation(subscriber, now)
                .orElse("the subscription resumes once the new address confirms it (double opt-in)"));
    }

    /** Empty when sent; otherwise what the officer should know (the address owner can ask for a link again). */
    private Optional<String> sendConfirmation(Subscriber subscriber, Instant now) {
        try {
            confirmations.send(subscriber, List.copyOf(subscriber.topics), subscriber.deviceId, now);
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Confirmation mail for subscriber %s not sent after a rectification", subscriber.id);
            return Optional.of("the subscription waits for the new address's confirmation; the mail could not be sent,"
                    + " subscribing again sends a new link");
        }
    }
}
