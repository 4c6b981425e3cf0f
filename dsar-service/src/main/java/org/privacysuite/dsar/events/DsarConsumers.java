package org.privacysuite.dsar.events;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.dsar.domain.RequestSource;
import org.privacysuite.dsar.domain.RequestType;
import org.privacysuite.dsar.service.ParticipantRegistry;
import org.privacysuite.dsar.service.RequestIntake;
import org.privacysuite.dsar.service.SagaAnswers;
import org.privacysuite.events.catalogue.AccessCompleted;
import org.privacysuite.events.catalogue.AccountClosed;
import org.privacysuite.events.catalogue.ErasureCompleted;
import org.privacysuite.events.catalogue.ObjectionCompleted;
import org.privacysuite.events.catalogue.ParticipantDeclared;
import org.privacysuite.events.catalogue.RectificationCompleted;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.events.inbox.InboxConsumers;
import org.privacysuite.events.kafka.InboundEvent;

/** The participants' declarations and answers, and account closures that open erasure requests. */
@ApplicationScoped
public class DsarConsumers {

    public static final String RESULTS = "dsar-service.privacy-results";
    public static final String ACCOUNTS = "dsar-service.account-events";
    public static final String PARTICIPANTS = "dsar-service.privacy-participants";

    @Inject
    InboxConsumers consumers;

    @Inject
    SagaAnswers answers;

    @Inject
    RequestIntake intake;

    @Inject
    ParticipantRegistry registry;

    void onStart(@Observes @Priority(100) StartupEvent event) {
        consumers.start(RESULTS, List.of(Topics.PRIVACY_RESULTS), this::onResult);
        consumers.start(ACCOUNTS, List.of(Topics.ACCOUNT_EVENTS), this::onAccountEvent);
        consumers.start(PARTICIPANTS, List.of(Topics.PRIVACY_PARTICIPANTS), this::onDeclaration);
    }

    void onDeclaration(InboundEvent event) {
        if (event.data().orElse(null) instanceof ParticipantDeclared declaration) {
            registry.declare(declaration);
        }
    }

    void onResult(InboundEvent event) {
        Object data = event.data().orElse(null);
        if (data instanceof ErasureCompleted answer) {
            answers.recordErasure(answer);
        } else if (data instanceof AccessCompleted answer) {
            answers.recordAccess(answer);
        } else if (data instanceof RectificationCompleted answer) {
            answers.recordRectification(answer);
        } else if (data instanceof ObjectionCompleted answer) {
            answers.recordObjection(answer);
        }
    }

    void onAccountEvent(InboundEvent event) {
        if (event.data().orElse(null) instanceof AccountClosed closed) {
            boolean open = PrivacyRequest.count("subjectId = ?1 and source = ?2 and type = ?3 and closedAt is null",
                    closed.subjectId(), RequestSource.ACCOUNT_CLOSURE, RequestType.ERASURE) > 0;
            if (!open) {
                intake.openForClosedAccount(closed.subjectId());
            }
        }
        // account.closure-pending.v1 needs nothing: the erasure starts when the account actually closes.
    }
}
