package org.privacysuite.newsletter.mail;

import java.util.Locale;

public enum MailKind {
    CONFIRMATION,
    ALREADY_SUBSCRIBED,
    ISSUE;

    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
