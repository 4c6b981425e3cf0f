package org.privacysuite.dsar.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Bodies of the officers' actions. */
public final class OfficerInputs {

    private OfficerInputs() {
    }

    public record Denial(@NotBlank @Size(max = 2000) String reason) {
    }

    /** {@code months}: 1 or 2 under GDPR; CCPA always extends by 45 days. */
    public record Extension(@Min(1) @Max(2) Integer months, @NotBlank @Size(max = 2000) String reason) {
    }

    public record Reply(@NotBlank @Size(max = 20000) String message) {
    }

    public record Verification(@NotBlank @Pattern(regexp = "\\s*\\d{6}\\s*", message = "must be the 6-digit code")
            String code) {
    }
}
