package org.privacysuite.dsar.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The code mailed to a requester without login; only its hash is kept. */
@Entity
@Table(name = "request_verification")
public class VerificationChallenge extends PanacheEntityBase {

    @Id
    @Column(name = "request_id")
    public String requestId;

    @Column(name = "code_hash")
    public String codeHash;

    @Column(name = "expires_at")
    public Instant expiresAt;

    public int attempts;
}
