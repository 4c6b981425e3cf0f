package org.privacysuite.events.participant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.privacysuite.events.catalogue.AccessRequested;
import org.privacysuite.events.catalogue.ErasureMode;
import org.privacysuite.events.catalogue.ErasureRequested;
import org.privacysuite.events.catalogue.EventData;
import org.privacysuite.events.catalogue.Identities;
import org.privacysuite.events.catalogue.ObjectionCompleted;
import org.privacysuite.events.catalogue.ObjectionOutcome;
import org.privacysuite.events.catalogue.ObjectionRequested;
import org.privacysuite.events.catalogue.ObjectionScope;
import org.privacysuite.events.catalogue.ParticipantDeclared;
import org.privacysuite.events.catalogue.RectificationRequested;
import org.privacysuite.events.kafka.InboundEvent;

/** A re-ask names the participants that have not answered: the others must not act (export or erase) again. */
class PrivacyRequestDispatchTest {

    /** Records what the dispatcher asked of it. */
    static final class Recording implements PrivacyRequestParticipant {
        final List<String> calls = new ArrayList<>();

        @Override
        public String service() {
            return "newsletter-service";
        }

        @Override
        public List<ParticipantDeclared.DeclaredRecordType> recordTypes() {
            return List.of();
        }

        @Override
        public List<ParticipantDeclared.ProcessingActivity> activities() {
            return List.of();
        }

        @Override
        public void erase(ErasureRequested request) {
            calls.add("erase " + request.requestId());
        }

        @Override
        public void export(AccessRequested request) {
            calls.add("export " + request.requestId());
        }

        @Override
        public void rectify(RectificationRequested request) {
            calls.add("rectify " + request.requestId());
        }

        void journal(ErasureRequested request) {
            calls.add("journal " + request.requestId());
        }

        void publish(EventData answer) {
            calls.add("publish " + answer);
        }
    }

    private static InboundEvent event(EventData data) {
        return new InboundEvent(UUID.randomUUID().toString(), "t", URI.create("/dsar-service"), OffsetDateTime.now(),
                data.subjectId(), Optional.empty(), Optional.of(data), OptionalLong.empty());
    }

    @Test
    void commandsReachOnlyTheParticipantsTheyAreAddressedTo() throws Exception {
        Recording participant = new Recording();
        UUID everyone = UUID.randomUUID();
        UUID others = UUID.randomUUID();
        UUID me = UUID.randomUUID();
        PrivacyRequestConsumer.dispatch(participant, event(new AccessRequested(everyone, "s", Identities.none())),
                participant::journal, participant::publish);
        PrivacyRequestConsumer.dispatch(participant, event(new AccessRequested(others, "s", Identities.none(),
                List.of("consent-service", "account-service"))), participant::journal, participant::publish);
        PrivacyRequestConsumer.dispatch(participant, event(new ErasureRequested(others, "s", Identities.none(),
                ErasureMode.FULL, List.of("account-service"))), participant::journal, participant::publish);
        PrivacyRequestConsumer.dispatch(participant, event(new ErasureRequested(me, "s", Identities.none(),
                ErasureMode.FULL, List.of("newsletter-service"))), participant::journal, participant::publish);
        // only an erasure this participant carried out goes to the erasure journal, right after it
        assertEquals(List.of("export " + everyone, "erase " + me, "journal " + me), participant.calls);
    }

    @Test
    void aServiceThatDoesNoSuchProcessingAnswersAnObjectionWithNothingFound() throws Exception {
        Recording participant = new Recording();
        UUID mine = UUID.randomUUID();
        PrivacyRequestConsumer.dispatch(participant, event(new ObjectionRequested(UUID.randomUUID(), "s",
                Identities.none(), ObjectionScope.SALE_OR_SHARING, List.of("consent-service"))),
                participant::journal, participant::publish);
        PrivacyRequestConsumer.dispatch(participant, event(new ObjectionRequested(mine, "s", Identities.none(),
                ObjectionScope.SALE_OR_SHARING, List.of())), participant::journal, participant::publish);
        assertEquals(List.of("publish " + new ObjectionCompleted(mine, "s", "newsletter-service",
                ObjectionOutcome.NOTHING_FOUND, List.of(), "does no processing for sale or sharing")),
                participant.calls);
    }
}
