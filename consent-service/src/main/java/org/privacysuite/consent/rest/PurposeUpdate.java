package org.privacysuite.consent.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.privacysuite.consent.domain.LegalBasis;
import org.privacysuite.consent.service.PurposeDefinition;

/**
 * An officer's create-or-update of a purpose. A change of title, description or legal basis publishes a new notice
 * version; {@code materialChange} (default true) says whether earlier consents stop counting. {@code directMarketing}
 * left out keeps the purpose's current mark (false for a new purpose): a client that does not know the field must
 * not silently take a purpose out of the objections that cover it.
 */
public record PurposeUpdate(
        @NotBlank @Size(max = 200) String title,
        @NotBlank @Size(max = 5000) String description,
        @NotNull LegalBasis legalBasis,
        Boolean gpcGoverned,
        Boolean required,
        Boolean materialChange,
        @Size(max = 100) String purposeCategory,
        @Size(max = 20) List<@NotBlank @Size(max = 60) String> piiCategories,
        @Size(max = 500) String termination,
        Boolean thirdPartyDisclosure,
        Boolean directMarketing,
        Boolean deviceStorage) {

    public PurposeDefinition definition() {
        return new PurposeDefinition(title, description, legalBasis, gpcGoverned, required, materialChange,
                purposeCategory, piiCategories, termination, thirdPartyDisclosure, directMarketing, deviceStorage);
    }
}
