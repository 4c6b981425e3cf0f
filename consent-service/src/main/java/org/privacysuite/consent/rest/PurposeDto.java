package org.privacysuite.consent.rest;

import java.util.List;
import org.privacysuite.consent.domain.LegalBasis;

/**
 * A purpose as the public catalogue shows it. {@code gpcGoverned}: a GPC signal, and an opt-out of sale or sharing,
 * refuses it; {@code directMarketing}: an objection to direct marketing refuses it; {@code deviceStorage}: it sets or
 * reads cookies or other storage on the device, so it rests on consent unless strictly necessary (ePrivacy Art. 5(3)).
 */
public record PurposeDto(String key, String title, String description, LegalBasis legalBasis, int noticeVersion,
        boolean gpcGoverned, boolean required, String purposeCategory, List<String> piiCategories,
        String termination, boolean thirdPartyDisclosure, int reconsentFromVersion, boolean directMarketing,
        boolean deviceStorage) {
}
