package org.privacysuite.dsar.drp;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A bearer token issued by the pair-wise key setup; only its SHA-256 is kept. */
@Entity
@Table(name = "drp_token")
public class DrpToken extends PanacheEntityBase {

    @Id
    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "agent_id")
    public String agentId;

    @Column(name = "issued_at")
    public Instant issuedAt;
}
