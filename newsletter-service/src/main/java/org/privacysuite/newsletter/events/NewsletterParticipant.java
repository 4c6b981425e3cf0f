package org.privacysuite.newsletter.events;

import org.privacysuite.events.catalogue.ParticipantDeclared.ProcessingActivity;
import org.privacysuite.events.catalogue.ParticipantDeclared.DeclaredRecordType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.privacysuite.events.catalogue.AccessRequested;
import org.privacysuite.events.catalogue.DataOrigin;
import org.privacysuite.events.catalogue.ErasureRequested;
import org.privacysuite.events.catalogue.ObjectionCompleted;
import org.privacysuite.events.catalogue.ObjectionRequested;
import org.privacysuite.events.catalogue.RectificationRequested;
import org.privacysuite.events.participant.JournalKeys;
import org.privacysuite.events.participant.PrivacyRequestParticipant;
import org.privacysuite.newsletter.domain.Subscriber;

/**
 * newsletter-service's part in erasure, access (and portability), rectification (of a subscription's address) and
 * objection requests.
 */
@ApplicationScoped
public class NewsletterParticipant implements PrivacyRequestParticipant {

    @Inject
    NewsletterErasure erasure;

    @Inject
    NewsletterExport export;

    @Inject
    NewsletterRectification rectification;

    @Inject
    NewsletterObjection objection;

    @Override
    public String service() {
        return NewsletterErasure.SERVICE;
    }

    @Override
    public void erase(ErasureRequested request) {
        erasure.erase(request);
    }

    @Override
    public void export(AccessRequested request) {
        export.export(request);
    }

    @Override
    public ObjectionCompleted object(ObjectionRequested request) {
        return objection.object(request);
    }

    @Override
    public List<String> rectifiableFields() {
        return List.of(NewsletterRectification.EMAIL);
    }

    @Override
    public void rectify(RectificationRequested request) {
        rectification.apply(request);
    }

    /**
     * Subscriptions are often held under an address alone: after a restore, the journal's keyed hashes find them
     * again. Every address held is hashed once per replay (a rare event; the journal names no address to look up).
     */
    @Override
    public Map<String, String> addressesByJournalHash(Set<String> hashes, JournalKeys keys) {
        Map<String, String> found = new HashMap<>();
        try (Stream<String> held = Subscriber.getEntityManager()
                .createQuery("select s.emailKey from Subscriber s", String.class).getResultStream()) {
            held.forEach(address -> keys.hash(address).filter(hashes::contains).ifPresent(h -> found.put(h, address)));
        }
        return found;
    }

    /**
     * The record types, what erasure does to each, and where their data comes from (GDPR Art. 15(1)(g), Art. 20:
     * the provided and observed ones make up a portability package, see {@link NewsletterExport}).
     */
    static final List<DeclaredRecordType> DECLARED = List.of(
            // PROVIDED: the address, the topics and the double opt-in are the person's own entries; its status and
            // dates say what they did with it.
            DeclaredRecordType.deleted("subscriber", "the address, its confirmation and preferences")
                    .from(DataOrigin.PROVIDED).in("subscriber", "subscriber_topic"),
            // RECEIVED: the business's security record of the links it mailed (hashes only).
            DeclaredRecordType.deleted("token", "confirmation and unsubscribe tokens").from(DataOrigin.RECEIVED)
                    .in("confirmation_token"),
            // RECEIVED: the business's own record of what it mailed, to mail nobody twice.
            DeclaredRecordType.deleted("send-log", "which issue was sent to which subscriber").from(DataOrigin.RECEIVED)
                    .in("send_log"),
            // DERIVED: decaying counts per topic this service inferred from page views, per consent purpose
            // (newsletter sections, offers on the site); the suite's one interest profile.
            DeclaredRecordType.deleted("interest-profile", "interest topics and decaying counts, per consent purpose,"
                    + " for newsletter sections and offers").from(DataOrigin.DERIVED).in("interest_score"),
            // OBSERVED: the topics of the pages the person's device or account was seen reading.
            DeclaredRecordType.deleted("browsing-event", "pages seen, kept for personalisation")
                    .from(DataOrigin.OBSERVED).in("browsing_event"),
            // RECEIVED: the business's record of an objection it must honour (a keyed hash, never the address).
            // Kept with no end date: the objection to direct marketing stands until the person subscribes again.
            DeclaredRecordType.retained("suppression-entry", "a keyed hash of an erased or objecting address, never the address",
                    NewsletterErasure.SUPPRESSION_LEGAL_BASIS, null).from(DataOrigin.RECEIVED).in("suppression_entry"));

    @Override
    public List<DeclaredRecordType> recordTypes() {
        return DECLARED;
    }

    @Override
    public List<ProcessingActivity> activities() {
        List<String> recipients = List.of("the mail relay that delivers the issues (processor)",
                "Amazon Web Services, hosting (processor)");
        return List.of(
                new ProcessingActivity("newsletter", "send the newsletter to confirmed subscribers",
                        "GDPR Art. 6(1)(a): consent given by double opt-in", List.of("newsletter subscribers"),
                        List.of("e-mail address", "chosen topics", "subscription status and dates",
                                "which issues were sent"),
                        List.of("subscriber", "token", "send-log", "suppression-entry"), recipients,
                        "until unsubscribed or erased; then only a keyed hash of the address on the suppression"
                                + " list, so it is never mailed again without a new double opt-in"),
                new ProcessingActivity("newsletter personalisation", "choose newsletter sections by interest",
                        "GDPR Art. 6(1)(a): consent to newsletter-personalisation",
                        List.of("newsletter subscribers", "website visitors who consented"),
                        List.of("topics of pages seen", "interest scores inferred from them"),
                        List.of("browsing-event", "interest-profile"), List.of(recipients.get(1)),
                        "while the consent holds; deleted on withdrawal, erasure or objection; unused events after"
                                + " 90 days"),
                new ProcessingActivity("offers by interest", "choose the offers shown on the site by the interests"
                        + " a device's or account's page views showed",
                        "GDPR Art. 6(1)(a) and ePrivacy Art. 5(3): consent to advertising-cookies (a GPC signal opts"
                                + " out)", List.of("website visitors who consented"),
                        List.of("device identifier", "topics of pages seen, as decaying counts"),
                        List.of("interest-profile"), List.of(recipients.get(1)),
                        "while the consent holds; deleted on withdrawal, on the visitor's request, erasure or"
                                + " objection; a visit's weight halves every 14 days; unrefreshed topics after 90"
                                + " days"));
    }
}
