package org.privacysuite.events.catalogue;

import java.util.List;

/** A saga command that may name the participants it is for (a re-ask goes only to those that have not answered). */
public interface AddressedCommand {

    /** Empty: every participant. */
    List<String> participants();

    default boolean addressedTo(String service) {
        return participants().isEmpty() || participants().contains(service);
    }
}
