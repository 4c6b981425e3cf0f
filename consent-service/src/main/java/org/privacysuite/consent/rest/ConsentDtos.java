package org.privacysuite.consent.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.privacysuite.consent.domain.Purpose;
import org.privacysuite.consent.service.ConsentView;
import org.privacysuite.consent.service.Decision;
import org.privacysuite.consent.service.PurposeCatalogue;

/** Entity-to-DTO mapping, so that entities never reach the wire. */
@ApplicationScoped
public class ConsentDtos {

    @Inject
    PurposeCatalogue catalogue;

    public ConsentStateDto state(ConsentView view) {
        Map<String, Purpose> purposes = catalogue.byKey();
        List<PurposeChoiceDto> choices = view.states().stream().map(s -> {
            Purpose purpose = purposes.get(s.purposeKey);
            boolean reconsent = purpose != null && purpose.reconsentRequired(s.granted, s.noticeVersion);
            return new PurposeChoiceDto(s.purposeKey, s.granted, s.noticeVersion, s.decidedAt, s.gpc, reconsent);
        }).toList();
        return new ConsentStateDto(view.subjectId(), choices, view.receiptId());
    }

    public static PurposeDto purpose(Purpose p) {
        return new PurposeDto(p.key, p.title, p.description, p.legalBasis, p.currentVersion, p.gpcGoverned,
                p.required, p.purposeCategory, p.piiCategoryList(), p.termination, p.thirdPartyDisclosure, p.reconsentFromVersion,
                p.directMarketing, p.deviceStorage);
    }

    public static CheckDto check(String subject, String purpose, Decision d) {
        return new CheckDto(d.allowed(), purpose, subject, d.noticeVersion(), d.decidedAt(), d.reason());
    }
}
