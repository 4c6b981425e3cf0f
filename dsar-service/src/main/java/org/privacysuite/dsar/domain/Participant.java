package org.privacysuite.dsar.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** One service's part in a request's saga: when it was asked, and what it answered. */
@Entity
@Table(name = "request_participant")
@IdClass(Participant.Key.class)
public class Participant extends PanacheEntityBase {

    /** Outcome of a participant that answered an access request with its data. */
    public static final String ANSWERED = "ANSWERED";

    /** Closed by an officer who retired the service: no answer will come, and none is awaited. */
    public static final String RETIRED = "RETIRED";

    public static final String DEFERRED = "DEFERRED";
    public static final String FAILED = "FAILED";

    @Id
    @Column(name = "request_id")
    public String requestId;

    @Id
    public String service;

    /**
     * ERASED, NOTHING_FOUND, DEFERRED, FAILED (erasure), ANSWERED (access), RECTIFIED, REFUSED (rectification),
     * STOPPED (objection) or RETIRED; null while waiting.
     */
    public String outcome;

    @Column(name = "deferred_until")
    public Instant deferredUntil;

    public String reason;

    /**
     * What was done per record type (erasure) or what was stopped (objection: {@code StoppedProcessing}), as JSON
     * from the answer.
     */
    @Column(name = "records_json")
    public String recordsJson;

    @Column(name = "retained_json")
    public String retainedJson;

    /** A rectification's answer per field: changed, unchanged or refused with the reason, as JSON. */
    @Column(name = "fields_json")
    public String fieldsJson;

    /** The participant's copy of the subject's data (access), compressed and encrypted, when it came whole. */
    @Column(name = "data_encrypted")
    public byte[] dataEncrypted;

    /** The answer whose parts ({@link AnswerPart}) hold the copy, when it came in parts; null otherwise. */
    @Column(name = "answer_id")
    public String answerId;

    @Column(name = "asked_at")
    public Instant askedAt;

    public int asks;

    @Column(name = "next_ask_at")
    public Instant nextAskAt;

    @Column(name = "answered_at")
    public Instant answeredAt;

    /** FAILED answers in a row; each is asked again until {@code dsar.saga.failed-retries} are used up. */
    public int failures;

    /** Finished: nothing more is expected from this participant. A failure or a deferral is not an end. */
    public boolean isFinal() {
        return outcome != null && !DEFERRED.equals(outcome) && !FAILED.equals(outcome);
    }

    /** Failed, and no automatic retry is left: an officer must look (and may ask again). */
    public boolean failedForGood() {
        return FAILED.equals(outcome) && nextAskAt == null;
    }

    /** Deferred without saying until when: a promise of nothing, flagged to officers. */
    public boolean deferredWithoutDate() {
        return DEFERRED.equals(outcome) && deferredUntil == null;
    }

    public static List<Participant> of(String requestId) {
        return list("requestId = ?1 order by service", requestId);
    }

    public record Key(String requestId, String service) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
