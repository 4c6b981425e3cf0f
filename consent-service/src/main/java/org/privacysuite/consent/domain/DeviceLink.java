package org.privacysuite.consent.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A device that signed in to an account; it belongs to that account until unlinked (at most one account). */
@Entity
@Table(name = "device_link")
public class DeviceLink extends PanacheEntityBase {

    @Id
    @Column(name = "device_id")
    public String deviceId;

    @Column(name = "account_id")
    public String accountId;

    @Column(name = "linked_at")
    public Instant linkedAt;

    /** In id order, so that the same links always give the same answer. */
    public static List<String> devicesOf(String accountId) {
        return DeviceLink.<DeviceLink>list("accountId = ?1 order by deviceId", accountId).stream()
                .map(l -> l.deviceId).toList();
    }

    /** The links of these devices, in device id order. */
    public static List<DeviceLink> ofDevices(List<String> deviceIds) {
        return list("deviceId in ?1 order by deviceId", deviceIds);
    }

    public static Optional<String> accountOf(String deviceId) {
        return DeviceLink.<DeviceLink>findByIdOptional(deviceId).map(l -> l.accountId);
    }
}
