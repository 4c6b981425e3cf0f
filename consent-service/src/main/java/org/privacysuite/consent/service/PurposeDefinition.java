package org.privacysuite.consent.service;

import java.util.List;
import org.privacysuite.consent.domain.LegalBasis;

/**
 * What an officer sets of a purpose. Null flags keep their meaning of {@code PurposeCatalogue#upsert}: false, except
 * {@code materialChange} (true), and {@code directMarketing} and {@code deviceStorage}, which keep the purpose's
 * current mark.
 */
public record PurposeDefinition(String title, String description, LegalBasis legalBasis, Boolean gpcGoverned,
        Boolean required, Boolean materialChange, String purposeCategory, List<String> piiCategories,
        String termination, Boolean thirdPartyDisclosure, Boolean directMarketing, Boolean deviceStorage) {
}
