package org.privacysuite.consent.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.hibernate.Session;
import org.privacysuite.consent.domain.ConsentRecord;
import org.privacysuite.consent.domain.ConsentState;
import org.privacysuite.consent.domain.DeviceLink;
import org.privacysuite.consent.rest.ConsentDtos;
import org.privacysuite.consent.service.ConsentLedger;
import org.privacysuite.consent.service.ReceiptBook;
import org.privacysuite.events.catalogue.AccessRequested;
import org.privacysuite.events.participant.AccessAnswers;
import org.privacysuite.events.participant.PortableData;

/**
 * Answers an access request with everything consent-service holds about the subject and its devices. A portability
 * request (GDPR Art. 20) gets only the record types declared as provided or observed ({@link ConsentParticipant}),
 * as flat rows, one array per record type, so that dsar-service can write one CSV per type.
 */
@ApplicationScoped
public class ConsentExport {

    @Inject
    ObjectMapper mapper;

    @Inject
    ConsentLedger ledger;

    @Inject
    ConsentDtos dtos;

    @Inject
    ReceiptBook receipts;

    @Inject
    AccessAnswers answers;

    /** Rows keep every column, null included, and times as ISO-8601 text, whatever the application's settings. */
    private ObjectMapper rows;

    @PostConstruct
    void init() {
        rows = mapper.copy().setDefaultPropertyInclusion(JsonInclude.Include.ALWAYS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void export(AccessRequested request) {
        // An export only reads: its rows (10,000 and more) are loaded read-only, so the session keeps no copy of each
        // for dirty checking, and the auto-flush before each later query and the flush at commit skip them.
        Session session = ConsentRecord.getSession();
        boolean readOnly = session.isDefaultReadOnly();
        session.setDefaultReadOnly(true);
        try {
            List<String> subjects = ConsentErasure.subjectsOf(request.subjectId(), request.identities().deviceIds());
            ObjectNode data = request.portable() ? portable(subjects) : everything(request.subjectId(), subjects);
            answers.send(request, ConsentErasure.SERVICE, data);
        } finally {
            session.setDefaultReadOnly(readOnly);
        }
    }

    private ObjectNode everything(String subjectId, List<String> subjects) {
        ObjectNode data = mapper.createObjectNode();
        data.put("subjectId", subjectId);
        data.set("linkedDevices", mapper.valueToTree(DeviceLink.devicesOf(subjectId)));
        ObjectNode current = data.putObject("currentChoices");
        for (String subject : subjects) {
            if (!ConsentState.ofSubject(subject).isEmpty()) {
                current.set(subject, mapper.valueToTree(dtos.state(ledger.current(subject)).purposes()));
            }
        }
        data.set("decisions", mapper.valueToTree(ConsentRecord.ofSubjects(subjects).stream()
                .map(ConsentExport::decision).toList()));
        data.set("receipts", mapper.valueToTree(receipts.receiptsOfSubjects(subjects)));
        return data;
    }

    /** One key per portable record type, in the order declared; each row one record, scalars only. */
    private ObjectNode portable(List<String> subjects) {
        return PortableData.of(ConsentParticipant.RECORD_TYPES)
                .rows(ConsentParticipant.CONSENT_RECORD, ConsentRecord.ofSubjects(subjects).stream()
                        .map(ConsentExport::decision).toList())
                .rows(ConsentParticipant.DEVICE_LINK, DeviceLink.ofDevices(subjects).stream()
                        .map(link -> new DeviceLinkRow(link.deviceId, link.accountId, link.linkedAt)).toList())
                .toJson(rows);
    }

    private static DecisionExport decision(ConsentRecord r) {
        return new DecisionExport(r.recordId, r.receiptId, r.subjectId, r.subjectType.name(), r.purposeKey, r.granted,
                r.noticeVersion, r.method, r.source.name(), r.pageUrl, r.userAgentFamily, r.ipTruncated, r.gpc,
                r.originSubjectId, r.decidedAt, r.recordedAt);
    }

    /** One ledger row as the subject receives it (also a portability row of {@code consent-record}). */
    public record DecisionExport(String recordId, String receiptId, String subject, String subjectType,
            String purpose, boolean granted, int noticeVersion, String method, String source, String pageUrl,
            String userAgentFamily, String ipTruncated, boolean gpc, String mergedFromDevice,
            Instant decidedAt, Instant recordedAt) {
    }

    /** A portability row of {@code device-link}: a device that signed in to the account, and when. */
    public record DeviceLinkRow(String deviceId, String account, Instant linkedAt) {
    }
}
