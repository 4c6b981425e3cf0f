package org.privacysuite.account.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** An obligation an order system registers, e.g. {@code RETURN_WINDOW} until the return period ends. */
public record HoldRequest(
        @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{1,49}", message = "must be an upper-case code such as RETURN_WINDOW") String reason,
        @NotNull Instant until,
        @Size(max = 200) @Pattern(regexp = "[\\p{Alnum}._:/#-]+", message = "must be an identifier such as an order number") String reference) {
}
