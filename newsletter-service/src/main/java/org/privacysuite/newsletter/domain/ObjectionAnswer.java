package org.privacysuite.newsletter.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The answer given to an objection request (JSON without the subject), sent again if dsar-service asks again. */
@Entity
@Table(name = "objection_answer")
public class ObjectionAnswer extends PanacheEntityBase {

    @Id
    @Column(name = "request_id")
    public String requestId;

    public String answer;

    @Column(name = "answered_at")
    public Instant answeredAt;
}
