package org.privacysuite.dsar.register;

import java.util.List;
import org.privacysuite.events.catalogue.DataOrigin;
import org.privacysuite.events.catalogue.ParticipantDeclared.DeclaredRecordType;
import org.privacysuite.events.catalogue.ParticipantDeclared.ProcessingActivity;

/**
 * dsar-service's own part of the record of processing: it holds the requests themselves, which are personal data
 * (who asked, what, the answers) with their retention rules (docs/retention.md). Declared here as the participants
 * declare theirs, and checked against the schema the same way.
 */
public final class DsarProcessing {

    public static final String SERVICE = "dsar-service";

    public static final List<DeclaredRecordType> RECORD_TYPES = List.of(
            DeclaredRecordType.anonymised("privacy-request",
                    "the request: type, law, status, dates, the requester's address, account or device, message,"
                            + " corrections, the identities resolved for it, its mails and download links")
                    .from(DataOrigin.PROVIDED)
                    .in("privacy_request", "request_verification", "mail_outbox", "export_link", "privacy.requests"),
            DeclaredRecordType.deleted("participant-answer",
                    "each service's answer; for access, an encrypted copy of its data until the export's retention")
                    .from(DataOrigin.RECEIVED).in("request_participant", "access_answer_part", "privacy.results"),
            DeclaredRecordType.retained("audit-trail", "who did what to the request and when, sealed and chained",
                    "GDPR Art. 5(2) accountability; CCPA regulations §7101: records of requests for 24 months", null)
                    .from(DataOrigin.RECEIVED).in("request_audit", "audit_chain", "audit_unlinked"),
            DeclaredRecordType.retained("erasure-journal",
                    "the ids of erased subjects and keyed hashes of their proven addresses, written by every service"
                            + " that erased, so that a restore from backup erases them again (docs/operations.md)",
                    "GDPR Art. 17 and 5(1)(d): an erasure must survive a restore", null)
                    .from(DataOrigin.RECEIVED).in("privacy.erasure-journal"),
            DeclaredRecordType.anonymised("agent-request",
                    "an authorised agent's request (Data Rights Protocol) and its status callbacks")
                    .from(DataOrigin.RECEIVED).in("drp_request", "drp_callback", "drp_message"));

    public static final List<ProcessingActivity> ACTIVITIES = List.of(new ProcessingActivity("privacy requests",
            "receive, verify and carry out data subject requests within their legal deadlines, and prove it",
            "GDPR Art. 6(1)(c): legal obligation (Art. 12-22); CCPA §1798.100-.135; PIPEDA Schedule 1, 4.9;"
                    + " Québec private sector Act s. 27-32",
            List.of("people who exercise their privacy rights", "authorised agents acting for them"),
            List.of("e-mail address", "account identifier", "device identifier", "the request's message and"
                    + " corrections", "the services' answers", "a copy of the person's data for an access request"),
            RECORD_TYPES.stream().map(DeclaredRecordType::recordType).toList(),
            List.of("the suite's services that hold the person's data (the sagas)", "the person's authorised agent",
                    "the mail relay (processor)", "Amazon Web Services, hosting (processor)"),
            "contact data until 2 years after the request ended (30 days for a question, 30 days for a request never"
                    + " verified); access copies 30 days after fulfilment; the audit trail without values kept"));

    private DsarProcessing() {
    }
}
