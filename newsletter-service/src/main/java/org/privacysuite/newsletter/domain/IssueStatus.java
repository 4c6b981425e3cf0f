package org.privacysuite.newsletter.domain;

public enum IssueStatus {
    DRAFT,
    /** Being sent: each send call or background round mails the next batch of recipients. */
    SENDING,
    /** Every recipient of the audience was handled. */
    SENT
}
