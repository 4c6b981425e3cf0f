package org.privacysuite.events.catalogue;

import java.util.Arrays;
import java.util.Optional;

/**
 * The event catalogue: every CloudEvents {@code type} the suite publishes, the topic it travels on and the record
 * its JSON data binds to. Adding an event means adding a line here, nowhere else.
 */
public enum EventType {

    ERASURE_REQUESTED("privacy.erasure.requested.v1", Topics.PRIVACY_REQUESTS, ErasureRequested.class),
    ACCESS_REQUESTED("privacy.access.requested.v1", Topics.PRIVACY_REQUESTS, AccessRequested.class),
    RECTIFICATION_REQUESTED("privacy.rectification.requested.v1", Topics.PRIVACY_REQUESTS, RectificationRequested.class),
    OBJECTION_REQUESTED("privacy.objection.requested.v1", Topics.PRIVACY_REQUESTS, ObjectionRequested.class),
    ERASURE_COMPLETED("privacy.erasure.completed.v1", Topics.PRIVACY_RESULTS, ErasureCompleted.class),
    RECTIFICATION_COMPLETED("privacy.rectification.completed.v1", Topics.PRIVACY_RESULTS, RectificationCompleted.class),
    OBJECTION_COMPLETED("privacy.objection.completed.v1", Topics.PRIVACY_RESULTS, ObjectionCompleted.class),
    /** The one event that carries a person's data (their access results): see {@link #carriesPersonalData()}. */
    ACCESS_COMPLETED("privacy.access.completed.v1", Topics.PRIVACY_RESULTS, AccessCompleted.class),
    ACCOUNT_CLOSED("account.closed.v1", Topics.ACCOUNT_EVENTS, AccountClosed.class),
    ACCOUNT_CLOSURE_PENDING("account.closure-pending.v1", Topics.ACCOUNT_EVENTS, AccountClosurePending.class),
    CONSENT_CHANGED("consent.changed.v1", Topics.CONSENT_EVENTS, ConsentChanged.class),
    PARTICIPANT_DECLARED("privacy.participant.declared.v1", Topics.PRIVACY_PARTICIPANTS, ParticipantDeclared.class),
    /** Written by each participant that accepts an erasure; replayed after a restore (docs/operations.md). */
    ERASURE_JOURNALED("privacy.erasure.journaled.v1", Topics.ERASURE_JOURNAL, ErasureJournaled.class);

    private final String type;
    private final String topic;
    private final Class<? extends EventData> dataClass;

    EventType(String type, String topic, Class<? extends EventData> dataClass) {
        this.type = type;
        this.topic = topic;
        this.dataClass = dataClass;
    }

    /** The CloudEvents {@code type} attribute. */
    public String type() {
        return type;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends EventData> dataClass() {
        return dataClass;
    }

    /**
     * Whether the data is a copy of a person's data rather than ids and facts about a request. Such events are not
     * kept after publication: the outbox deletes them once the broker has them, so an erasure that follows an
     * access request leaves no copy behind.
     */
    public boolean carriesPersonalData() {
        return this == ACCESS_COMPLETED;
    }

    public static Optional<EventType> fromType(String ceType) {
        return Arrays.stream(values()).filter(t -> t.type.equals(ceType)).findFirst();
    }

    public static Optional<EventType> of(EventData data) {
        return Arrays.stream(values()).filter(t -> t.dataClass.equals(data.getClass())).findFirst();
    }
}
