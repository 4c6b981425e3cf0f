package org.privacysuite.events.catalogue;

/**
 * Marker of an event's data record. Every implementation names the subject the event is about, which becomes the
 * Kafka key so that one subject's events stay in order on one partition.
 */
public sealed interface EventData
        permits ErasureRequested, AccessRequested, RectificationRequested, ObjectionRequested, ErasureCompleted,
        AccessCompleted, RectificationCompleted, ObjectionCompleted,
        AccountClosed, AccountClosurePending, ConsentChanged, ParticipantDeclared, ErasureJournaled {

    String subjectId();
}
