package org.privacysuite.consent.rest;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.privacysuite.consent.domain.CollectionMethod;
import org.privacysuite.consent.domain.ConsentSource;
import org.privacysuite.consent.service.Choices;

/** Choices recorded for a device or an account, as the banner or preference centre sends them. */
public record ChoicesRequest(
        @NotEmpty @Size(max = 50) Map<@Pattern(regexp = PURPOSE_KEY) String, @NotNull Boolean> choices,
        @Schema(enumeration = {"accept-all", "reject-all", "custom"}, description = "How the choices were made; "
                + "the methods this service records itself (device-link, objection, opt-out-of-sale) are refused.")
        @NotNull CollectionMethod method,
        @Size(max = 2048) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String url,
        @Size(max = 50) Map<@Pattern(regexp = PURPOSE_KEY) String, @NotNull @Min(1) Integer> noticeVersions,
        @Schema(enumeration = {"banner", "preference-center", "app", "api"}, description = "Where the choices were "
                + "made; privacy-request is recorded by this service only and refused.")
        ConsentSource source) {

    public static final String PURPOSE_KEY = "[a-z0-9][a-z0-9-]{0,63}";

    /** What the ledger records, once the request passed its checks. */
    public Choices command() {
        return new Choices(choices, method, url, noticeVersions, source);
    }
}
