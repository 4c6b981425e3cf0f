package org.privacysuite.consent.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.privacysuite.consent.config.ConsentConfig;
import org.privacysuite.consent.domain.ConsentReceipt;
import org.privacysuite.consent.domain.ConsentRecord;
import org.privacysuite.consent.domain.DeviceLink;
import org.privacysuite.consent.domain.Purpose;
import org.privacysuite.consent.rest.ReceiptDto;

/** Consent receipts of an account, including those of the devices it signed in on. */
@ApplicationScoped
public class ReceiptBook {

    /** Kantara consent types: a choice the person made themselves is explicit. */
    private static final String EXPLICIT = "EXPLICIT";

    @Inject
    ConsentConfig config;

    @Inject
    PurposeCatalogue catalogue;

    public List<ReceiptDto> receiptsOf(String accountId) {
        List<String> subjects = new ArrayList<>();
        subjects.add(accountId);
        subjects.addAll(DeviceLink.devicesOf(accountId));
        return receiptsOfSubjects(subjects);
    }

    /**
     * The receipts with their records, read in two queries whatever their number: a query per receipt made the export
     * of a subject with 10,000 decisions run for minutes (each query flushed the thousands already loaded).
     */
    public List<ReceiptDto> receiptsOfSubjects(List<String> subjects) {
        Map<String, Purpose> purposes = catalogue.byKey();
        List<ConsentReceipt> receipts = ConsentReceipt.ofSubjects(subjects);
        Map<String, List<ConsentRecord>> records = ConsentRecord.ofReceipts(receipts.stream().map(r -> r.receiptId).toList())
                .stream().collect(Collectors.groupingBy(r -> r.receiptId));
        return receipts.stream()
                .map(receipt -> toDto(receipt, records.getOrDefault(receipt.receiptId, List.of()), purposes))
                .toList();
    }

    ReceiptDto toDto(ConsentReceipt receipt, List<ConsentRecord> records, Map<String, Purpose> purposes) {
        ConsentConfig.Controller c = config.controller();
        List<ReceiptDto.ServicePurpose> servicePurposes = records.stream().map(record -> {
            Purpose purpose = purposes.get(record.purposeKey);
            return new ReceiptDto.ServicePurpose(
                    purpose != null ? purpose.title + ": " + purpose.description : record.purposeKey,
                    purpose != null && purpose.purposeCategory != null ? List.of(purpose.purposeCategory) : List.of(),
                    EXPLICIT,
                    purpose != null ? purpose.piiCategoryList() : List.of(),
                    false,
                    purpose != null ? purpose.termination : null,
                    purpose != null && purpose.thirdPartyDisclosure,
                    record.purposeKey, record.granted, record.noticeVersion, record.gpc);
        }).toList();
        return new ReceiptDto(ReceiptDto.SPEC_VERSION, config.jurisdiction(), receipt.issuedAt.getEpochSecond(),
                receipt.collectionMethod, receipt.receiptId, config.language(), receipt.subjectId,
                List.of(new ReceiptDto.Controller(c.name(), c.contact(), c.address(), c.email(), c.phone().orElse(null), c.url())),
                config.policyUrl(),
                List.of(new ReceiptDto.Service(c.name() + " website and apps", servicePurposes)),
                false, List.of(), receipt.gpc, receipt.source.name().toLowerCase().replace('_', '-'));
    }
}
