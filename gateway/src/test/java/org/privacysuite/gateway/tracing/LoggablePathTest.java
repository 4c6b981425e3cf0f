package org.privacysuite.gateway.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** Device ids are bearer secrets: the access log never writes one (docs/identity.md, Devices). */
class LoggablePathTest {

    private static final String DEVICE = "3f1c2b7a-9d4e-4c1b-8a2f-0e5d6c7b8a91";

    @Test
    void deviceIdsAreReplacedInLoggedPaths() {
        assertEquals("/api/consent/devices/{deviceId}", RequestTracing.loggablePath("/api/consent/devices/" + DEVICE));
        assertEquals("/api/consent/me/devices/{deviceId}",
                RequestTracing.loggablePath("/api/consent/me/devices/" + DEVICE));
        assertFalse(RequestTracing.loggablePath("/api/consent/devices/" + DEVICE + "/x").contains(DEVICE));
        assertEquals("/api/privacy-requests/42", RequestTracing.loggablePath("/api/privacy-requests/42"));
    }
}
