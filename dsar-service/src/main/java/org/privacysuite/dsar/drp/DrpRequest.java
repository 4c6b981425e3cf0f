package org.privacysuite.dsar.drp;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The DRP side of a privacy request an agent submitted: which agent manages it and what it asked for. */
@Entity
@Table(name = "drp_request")
public class DrpRequest extends PanacheEntityBase {

    /** The internal privacy request's id, which is also the DRP {@code request_id}. */
    @Id
    @Column(name = "request_id")
    public String requestId;

    @Column(name = "agent_id")
    public String agentId;

    @Column(name = "agent_request_id")
    public String agentRequestId;

    public String exercise;

    public String regime;

    @Column(name = "drp_version")
    public String drpVersion;

    @Column(name = "status_callback")
    public String statusCallback;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revoke_reason")
    public String revokeReason;

    /** SHA-256 of the Exercise Status the agent last received; a status callback is due while the status differs. */
    @Column(name = "delivered_state")
    public String deliveredState;
}
