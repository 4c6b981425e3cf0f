package org.privacysuite.consent.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A consent receipt with the fields of the Kantara Initiative Consent Receipt Specification v1.1 (field names as the
 * specification spells them), plus what this suite records as proof: purpose keys, notice versions, the decision
 * per purpose, the GPC signal and where the choice was made.
 */
public record ReceiptDto(
        String version,
        String jurisdiction,
        long consentTimestamp,
        String collectionMethod,
        @JsonProperty("consentReceiptID") String consentReceiptId,
        String language,
        String piiPrincipalId,
        List<Controller> piiControllers,
        String policyUrl,
        List<Service> services,
        boolean sensitive,
        List<String> spiCat,
        boolean gpc,
        String source) {

    public static final String SPEC_VERSION = "KI-CR-v1.1.0";

    public record Controller(String piiController, String contact, String address, String email, String phone,
            String piiControllerUrl) {
    }

    public record Service(String service, List<ServicePurpose> purposes) {
    }

    /** {@code termination} says how the consent ends; {@code granted} is this receipt's decision. */
    public record ServicePurpose(String purpose, List<String> purposeCategory, String consentType,
            List<String> piiCategory, boolean primaryPurpose, String termination, boolean thirdPartyDisclosure,
            String purposeKey, boolean granted, int noticeVersion, boolean gpc) {
    }
}
