package org.privacysuite.events.catalogue;

import java.util.List;

/**
 * Other identifiers of the same person that a participant may hold data under (an address given to the newsletter
 * before sign-up, a device's consent cookie id).
 */
public record Identities(List<String> emails, List<String> deviceIds) {

    public Identities {
        emails = emails == null ? List.of() : List.copyOf(emails);
        deviceIds = deviceIds == null ? List.of() : List.copyOf(deviceIds);
    }

    public static Identities none() {
        return new Identities(List.of(), List.of());
    }
}
