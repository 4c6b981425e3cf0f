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

/**
 * One part of a participant's access answer that came in several ({@code AccessCompleted.parts}), kept encrypted
 * until the last part arrives; then the parts are joined onto the {@link Participant} and deleted.
 */
@Entity
@Table(name = "access_answer_part")
@IdClass(AnswerPart.Key.class)
public class AnswerPart extends PanacheEntityBase {

    @Id
    @Column(name = "request_id")
    public String requestId;

    @Id
    public String service;

    @Id
    @Column(name = "answer_id")
    public String answerId;

    @Id
    public int part;

    public int parts;

    @Column(name = "data_encrypted")
    public byte[] dataEncrypted;

    @Column(name = "received_at")
    public Instant receivedAt;

    /** The parts of one answer held so far, in part order. */
    public static List<AnswerPart> ofAnswer(String requestId, String service, String answerId) {
        return list("requestId = ?1 and service = ?2 and answerId = ?3 order by part", requestId, service, answerId);
    }

    public static long countOfAnswer(String requestId, String service, String answerId) {
        return count("requestId = ?1 and service = ?2 and answerId = ?3", requestId, service, answerId);
    }

    /** Every part a participant sent for the request, of whatever answer (a re-ask can bring a second one). */
    public static long deleteOfParticipant(String requestId, String service) {
        return delete("requestId = ?1 and service = ?2", requestId, service);
    }

    public record Key(String requestId, String service, String answerId, int part) implements Serializable {
        public Key() {
            this(null, null, null, 0);
        }
    }
}
