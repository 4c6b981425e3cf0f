package org.privacysuite.account.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * Merge patch of the own account: in {@code profile} a value sets a field and null clears it, fields not named stay
 * as they are; {@code sharedFields}, when present, replaces the list of publicly shared fields.
 */
public record AccountPatch(@Size(max = 10) Map<String, String> profile,
        @Size(max = 10) List<@NotBlank String> sharedFields) {
}
