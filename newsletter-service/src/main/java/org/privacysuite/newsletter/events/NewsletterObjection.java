package org.privacysuite.newsletter.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.privacysuite.events.catalogue.ObjectionCompleted;
import org.privacysuite.events.catalogue.ObjectionOutcome;
import org.privacysuite.events.catalogue.ObjectionRequested;
import org.privacysuite.events.catalogue.ObjectionScope;
import org.privacysuite.events.catalogue.StoppedProcessing;
import org.privacysuite.newsletter.domain.ObjectionAnswer;
import org.privacysuite.newsletter.domain.SuppressionEntry;
import org.privacysuite.newsletter.service.EmailAddresses;
import org.privacysuite.newsletter.service.SubscriberRemoval;
import org.privacysuite.newsletter.service.SuppressionList;

/**
 * An objection to direct marketing (GDPR Art. 21(2)-(3)): the newsletter is direct marketing, so every subscription
 * found for the request (by the account and the request's addresses, as for an erasure, never by a device alone)
 * ends at once, whatever its state: the address goes on the suppression list (reason {@code OBJECTION}), the
 * subscriber row, its confirmation links and its send log are deleted, and the address is kept only as the keyed hash.
 * <p>
 * Nothing else is erased: an objection stops processing. The interest profile and browsing events stay for the
 * {@code consent.changed.v1} withdrawal of {@code newsletter-personalisation} that consent-service records for the
 * same objection ({@link ConsentEventsConsumer} deletes them); without a subscription no new browsing is collected
 * and no issue is personalised in the meantime.
 * <p>
 * The newsletter neither sells nor shares personal data: an objection to sale or sharing finds nothing to stop.
 * Each answer is kept per request, so that dsar-service asking again gets the same answer and nothing more happens.
 */
@ApplicationScoped
public class NewsletterObjection {

    static final String NOT_SOLD = "the newsletter neither sells nor shares personal data";

    @Inject
    EmailAddresses addresses;

    @Inject
    SubscriberRemoval removal;

    @Inject
    SuppressionList suppression;

    @Inject
    ObjectMapper mapper;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public ObjectionCompleted object(ObjectionRequested request) {
        if (request.scope() != ObjectionScope.DIRECT_MARKETING) {
            return ObjectionCompleted.nothingFound(request, NewsletterErasure.SERVICE, NOT_SOLD);
        }
        ObjectionAnswer known = ObjectionAnswer.findById(request.requestId().toString());
        if (known != null) {
            return read(known.answer, request.subjectId());
        }
        Identified found = Identified.of(request.subjectId(), request.identities(), addresses);
        ObjectionCompleted answer;
        if (found.subscribers().isEmpty()) {
            boolean listed = found.emailKeys().stream().anyMatch(suppression::isSuppressed);
            answer = ObjectionCompleted.nothingFound(request, NewsletterErasure.SERVICE, listed
                    ? "no subscription; the address is already on the suppression list and is not mailed"
                    : "no newsletter subscription for the request's identities");
        } else {
            SubscriberRemoval.Removed removed = removal.removeKeepingSuppression(found.subscribers(),
                    SuppressionEntry.REASON_OBJECTION);
            registry.counter("newsletter.unsubscribes", "channel", "objection").increment(removed.subscribers());
            answer = new ObjectionCompleted(request.requestId(), request.subjectId(), NewsletterErasure.SERVICE,
                    ObjectionOutcome.STOPPED, List.of(new StoppedProcessing("subscriber", StoppedProcessing.Action.ENDED,
                            removed.subscribers())),
                    "subscription ended: the address is kept only as a keyed hash on the suppression list, so it is "
                            + "not mailed again without a fresh double opt-in; its confirmation links and send log "
                            + "were deleted with it");
        }
        remember(answer);
        return answer;
    }

    private void remember(ObjectionCompleted answer) {
        ObjectionAnswer row = new ObjectionAnswer();
        row.requestId = answer.requestId().toString();
        try {
            // without the subject: the request id, counts and a fixed reason are not personal data
            row.answer = mapper.writeValueAsString(new ObjectionCompleted(answer.requestId(), null, answer.service(),
                    answer.outcome(), answer.stopped(), answer.reason()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise an objection answer", e);
        }
        row.answeredAt = Instant.now(clock);
        row.persist();
    }

    private ObjectionCompleted read(String json, String subjectId) {
        try {
            ObjectionCompleted stored = mapper.readValue(json, ObjectionCompleted.class);
            return new ObjectionCompleted(stored.requestId(), subjectId, stored.service(), stored.outcome(),
                    stored.stopped(), stored.reason());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored objection answer is unreadable", e);
        }
    }
}
