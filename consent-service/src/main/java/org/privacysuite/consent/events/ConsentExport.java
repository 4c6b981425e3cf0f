package org.privacysuite.consent.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.privacysuite.consent.domain.ConsentRecord;
import org.privacysuite.consent.domain.ConsentState;
import org.privacysuite.consent.domain.DeviceLink;
import org.privacysuite.consent.rest.ConsentDtos;
import org.privacysuite.consent.service.ConsentLedger;
import org.privacysuite.consent.service.ReceiptBook;
import org.privacysuite.events.catalogue.AccessCompleted;
import org.privacysuite.events.catalogue.AccessRequested;
import org.privacysuite.events.outbox.Outbox;

/** Answers an access request with everything consent-service holds about the subject and its devices. */
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
    Outbox outbox;

    @Transactional(Transactional.TxType.MANDATORY)
    public void export(AccessRequested request) {
        List<String> subjects = ConsentErasure.subjectsOf(request.subjectId(), request.identities().deviceIds());
        ObjectNode data = mapper.createObjectNode();
        data.put("subjectId", request.subjectId());
        data.set("linkedDevices", mapper.valueToTree(DeviceLink.devicesOf(request.subjectId())));
        ObjectNode current = data.putObject("currentChoices");
        for (String subject : subjects) {
            if (!ConsentState.ofSubject(subject).isEmpty()) {
                current.set(subject, mapper.valueToTree(dtos.state(ledger.current(subject)).purposes()));
            }
        }
        data.set("decisions", mapper.valueToTree(ConsentRecord.ofSubjects(subjects).stream()
                .map(ConsentExport::decision).toList()));
        data.set("receipts", mapper.valueToTree(receipts.receiptsOfSubjects(subjects)));
        outbox.publish(new AccessCompleted(request.requestId(), request.subjectId(), ConsentErasure.SERVICE, data));
    }

    private static DecisionExport decision(ConsentRecord r) {
        return new DecisionExport(r.recordId, r.receiptId, r.subjectId, r.subjectType.name(), r.purposeKey, r.granted,
                r.noticeVersion, r.method, r.source.name(), r.pageUrl, r.userAgentFamily, r.ipTruncated, r.gpc,
                r.originSubjectId, r.decidedAt, r.recordedAt);
    }

    /** One ledger row as the subject receives it. */
    public record DecisionExport(String recordId, String receiptId, String subject, String subjectType,
            String purpose, boolean granted, int noticeVersion, String method, String source, String pageUrl,
            String userAgentFamily, String ipTruncated, boolean gpc, String mergedFromDevice,
            Instant decidedAt, Instant recordedAt) {
    }
}
