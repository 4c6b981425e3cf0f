package org.privacysuite.consent.service;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.consent.domain.LegalBasis;
import org.privacysuite.consent.domain.Purpose;
import org.privacysuite.consent.domain.PurposeNotice;

/** The purposes and their notice versions. */
@ApplicationScoped
public class PurposeCatalogue {

    @Inject
    Clock clock;

    @Inject
    DecisionCache decisions;

    public List<Purpose> all() {
        return Purpose.listAll(Sort.by("key"));
    }

    public Optional<Purpose> find(String key) {
        return Purpose.findByIdOptional(key);
    }

    public Map<String, Purpose> byKey() {
        return all().stream().collect(Collectors.toMap(p -> p.key, Function.identity()));
    }

    /** Result of {@link #upsert}: the purpose and whether it was created. */
    public record Upserted(Purpose purpose, boolean created) {
    }

    /**
     * Creates a purpose at notice version 1, or updates it; a changed title, description or legal basis publishes
     * the next notice version, and a material change makes earlier consents require renewal.
     */
    @Transactional
    public Upserted upsert(String key, PurposeDefinition update, String officer) {
        decisions.changingEverything(); // gpc/required/reconsent changes alter every decision for the purpose
        Instant now = Instant.now(clock);
        Purpose purpose = Purpose.findById(key);
        boolean created = purpose == null;
        if (created) {
            purpose = new Purpose();
            purpose.key = key;
            purpose.currentVersion = 0;
            purpose.reconsentFromVersion = 1;
        }
        boolean deviceStorage = update.deviceStorage() != null ? update.deviceStorage()
                : !created && purpose.deviceStorage;
        requireConsentForDeviceStorage(key, deviceStorage, Boolean.TRUE.equals(update.required()), update.legalBasis());
        boolean noticeChanged = created || !purpose.title.equals(update.title())
                || !purpose.description.equals(update.description()) || purpose.legalBasis != update.legalBasis();
        purpose.title = update.title();
        purpose.description = update.description();
        purpose.legalBasis = update.legalBasis();
        purpose.gpcGoverned = Boolean.TRUE.equals(update.gpcGoverned());
        purpose.required = Boolean.TRUE.equals(update.required());
        purpose.purposeCategory = update.purposeCategory();
        purpose.piiCategories = update.piiCategories() == null ? null : String.join(",", update.piiCategories());
        purpose.termination = update.termination();
        purpose.thirdPartyDisclosure = Boolean.TRUE.equals(update.thirdPartyDisclosure());
        if (update.directMarketing() != null) {
            purpose.directMarketing = update.directMarketing();
        }
        purpose.deviceStorage = deviceStorage;
        purpose.updatedAt = now;
        if (created) {
            purpose.persist();
        }
        if (noticeChanged) {
            purpose.currentVersion++;
            boolean material = created || !Objects.equals(update.materialChange(), Boolean.FALSE);
            if (material) {
                purpose.reconsentFromVersion = purpose.currentVersion;
            }
            PurposeNotice notice = new PurposeNotice();
            notice.purposeKey = key;
            notice.version = purpose.currentVersion;
            notice.title = purpose.title;
            notice.description = purpose.description;
            notice.legalBasis = purpose.legalBasis;
            notice.materialChange = material;
            notice.publishedAt = now;
            notice.publishedBy = officer;
            notice.persist();
        }
        return new Upserted(purpose, created);
    }

    /**
     * ePrivacy Directive Art. 5(3): storing or reading information on a visitor's device is allowed only with consent,
     * unless strictly necessary for the service asked for. No legitimate interest, contract or legal obligation
     * replaces it (CJEU C-673/17 Planet49; EDPB Guidelines 2/2023). Refused before anything changes.
     */
    private static void requireConsentForDeviceStorage(String key, boolean deviceStorage, boolean required,
            LegalBasis basis) {
        if (deviceStorage && !required && basis != LegalBasis.CONSENT) {
            throw new ProblemException(422, "device-storage-needs-consent", "Cookies need consent",
                    "Purpose " + key + " sets or reads cookies or other storage on the visitor's device and is not"
                            + " strictly necessary: under the ePrivacy Directive Art. 5(3) it may rest only on"
                            + " consent, not on " + basis + ". Keep legalBasis CONSENT, or mark the purpose required if"
                            + " the site cannot work without it.");
        }
    }

    public List<PurposeNotice> notices(String key) {
        return PurposeNotice.list("purposeKey = ?1 order by version", key);
    }
}
