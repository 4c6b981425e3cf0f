package org.privacysuite.consent.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Many checks in one call ({@code POST /api/consent/check}): every subject against every purpose. */
public final class BatchCheck {

    private BatchCheck() {
    }

    /** Up to 100 subjects and 20 purposes: at most 2,000 decisions, one answer. */
    public record Request(
            @NotEmpty @Size(max = 100) List<@NotBlank @Size(max = 100) String> subjects,
            @NotEmpty @Size(max = 20) List<@NotNull @Pattern(regexp = ChoicesRequest.PURPOSE_KEY) String> purposes) {
    }

    /** The decisions, subject by subject in the order asked, each subject's purposes in the order asked. */
    public record Answer(List<CheckDto> decisions) {
    }
}
