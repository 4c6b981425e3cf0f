package org.privacysuite.events.participant;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.privacysuite.events.catalogue.AccessRequested;
import org.privacysuite.events.catalogue.AddressedCommand;
import org.privacysuite.events.catalogue.ErasureJournaled;
import org.privacysuite.events.catalogue.EventData;
import org.privacysuite.events.catalogue.ErasureRequested;
import org.privacysuite.events.catalogue.ObjectionRequested;
import org.privacysuite.events.catalogue.RectificationRequested;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.events.inbox.InboxConsumers;
import org.privacysuite.events.kafka.InboundEvent;
import org.privacysuite.events.outbox.Outbox;

/**
 * Reads {@code privacy.requests} for the service's {@link PrivacyRequestParticipant}, as the inbox consumer
 * {@code <service>.privacy-requests}. Services without a participant bean (dsar-service itself) start nothing.
 * Every erasure a participant accepts is also written to the erasure journal, in the same inbox transaction, so the
 * journal has it exactly when the participant's own effect commits (docs/operations.md, backups and restores).
 */
@ApplicationScoped
public class PrivacyRequestConsumer {

    @Inject
    InboxConsumers consumers;

    @Inject
    Instance<PrivacyRequestParticipant> participants;

    @Inject
    Outbox outbox;

    @Inject
    JournalKeys keys;

    @Inject
    Clock clock;

    void onStart(@Observes @Priority(100) StartupEvent event) {
        if (participants.isResolvable()) {
            PrivacyRequestParticipant participant = participants.get();
            consumers.start(consumerName(participant), List.of(Topics.PRIVACY_REQUESTS),
                    inbound -> dispatch(participant, inbound, request -> outbox.publish(ErasureJournaled.of(request,
                            keys.hashes(request.identities().emails()), participant.service(), Instant.now(clock))),
                            outbox::publish));
        }
    }

    public static String consumerName(PrivacyRequestParticipant participant) {
        return participant.service() + ".privacy-requests";
    }

    static void dispatch(PrivacyRequestParticipant participant, InboundEvent event, Consumer<ErasureRequested> journal,
            Consumer<EventData> publish) throws Exception {
        Object data = event.data().orElse(null);
        if (data instanceof AddressedCommand command && !command.addressedTo(participant.service())) {
            return; // a re-ask for the participants that have not answered; this one has
        }
        if (data instanceof ErasureRequested request) {
            participant.erase(request);
            journal.accept(request);
        } else if (data instanceof AccessRequested request) {
            participant.export(request);
        } else if (data instanceof RectificationRequested request && participant.service().equals(request.service())) {
            participant.rectify(request);
        } else if (data instanceof ObjectionRequested request) {
            publish.accept(participant.object(request));
        }
    }
}
