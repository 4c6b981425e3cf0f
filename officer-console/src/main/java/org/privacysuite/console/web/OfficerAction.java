package org.privacysuite.console.web;

import jakarta.ws.rs.NotFoundException;
import java.util.Arrays;
import java.util.Locale;

/** The actions of the request page, by their path segment. */
enum OfficerAction {
    APPROVE, DENY, EXTEND, REPLY, CLOSE, REASK;

    static OfficerAction of(String segment) {
        return Arrays.stream(values()).filter(a -> a.segment().equals(segment)).findFirst()
                .orElseThrow(NotFoundException::new);
    }

    static boolean known(String segment) {
        return Arrays.stream(values()).anyMatch(a -> a.segment().equals(segment));
    }

    String segment() {
        return name().toLowerCase(Locale.ROOT);
    }
}
