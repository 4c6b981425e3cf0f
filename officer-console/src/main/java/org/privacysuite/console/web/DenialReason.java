package org.privacysuite.console.web;

import java.util.Arrays;
import java.util.List;

/**
 * The reasons an officer picks from when denying; the text sent to dsar-service (and mailed to the requester) is
 * the reason's English wording plus the officer's own details. {@code OTHER} needs details.
 */
public enum DenialReason {
    IDENTITY("denyIdentity", "The identity could not be verified"),
    EXCESSIVE("denyExcessive", "The request is manifestly unfounded or excessive"),
    LEGAL_OBLIGATION("denyLegalObligation", "A legal obligation requires keeping the data"),
    SCOPE("denyScope", "The request is outside the law's scope"),
    OTHER("denyOther", null);

    private final String messageKey;
    private final String wording;

    DenialReason(String messageKey, String wording) {
        this.messageKey = messageKey;
        this.wording = wording;
    }

    /** The console's message key of the reason's label. */
    public String messageKey() {
        return messageKey;
    }

    static List<DenialReason> all() {
        return List.of(values());
    }

    /** The reason as dsar-service receives it; a missing choice, or OTHER without details, is missing input. */
    static String text(String choice, String details) {
        DenialReason reason = Arrays.stream(values()).filter(r -> r.name().equals(choice)).findFirst()
                .orElseThrow(() -> new RequestPage.MissingInput("reason"));
        String more = details == null || details.isBlank() ? null : details.strip();
        if (reason.wording == null) {
            return RequestPage.required(more, "details");
        }
        return more == null ? reason.wording : reason.wording + ": " + more;
    }
}
