package org.privacysuite.dsar.rest;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.privacysuite.dsar.domain.Jurisdiction;
import org.privacysuite.dsar.domain.RequestType;

/** A privacy request as sent by the form or an app. {@code changes}: the corrections of a RECTIFICATION. */
public record CreateRequestDto(
        @NotNull RequestType type,
        Jurisdiction jurisdiction,
        @Size(max = 5000) String message,
        @Email @Size(max = 320) String email,
        @Size(max = 20) Map<@Pattern(regexp = "[a-zA-Z][a-zA-Z0-9_.-]{0,63}") String, @NotBlank @Size(max = 1000) String> changes) {
}
