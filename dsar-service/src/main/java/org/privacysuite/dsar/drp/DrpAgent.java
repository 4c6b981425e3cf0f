package org.privacysuite.dsar.drp;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An authorised agent an officer has onboarded, with the Ed25519 key its signed messages are checked against. */
@Entity
@Table(name = "drp_agent")
public class DrpAgent extends PanacheEntityBase {

    @Id
    public String id;

    public String name;

    /** The raw 32-byte libsodium verify key, base64. */
    @Column(name = "verify_key")
    public String verifyKey;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;
}
