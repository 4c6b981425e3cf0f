package org.privacysuite.dsar.drp;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A status callback the agent managing the request has not acknowledged yet: due, retrying, or given up. */
@Entity
@Table(name = "drp_callback")
public class DrpCallback extends PanacheEntityBase {

    @Id
    @Column(name = "request_id")
    public String requestId;

    /** Grows with every change of the request, so a delivery that ends late cannot drop a newer change. */
    public long generation;

    /** Failed deliveries since the last change. */
    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    /** Set when the attempts ran out; the row stays for officers to see, and a new change makes it due again. */
    @Column(name = "given_up_at")
    public Instant givenUpAt;
}
