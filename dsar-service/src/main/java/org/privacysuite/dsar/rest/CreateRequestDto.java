package org.privacysuite.dsar.rest;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.privacysuite.dsar.domain.Jurisdiction;
import org.privacysuite.dsar.domain.RequestType;
import org.privacysuite.events.catalogue.ObjectionScope;

/**
 * A privacy request as sent by the form or an app. {@code changes}: the corrections of a RECTIFICATION;
 * {@code objection}: what an OBJECTION covers (DIRECT_MARKETING when absent); {@code deviceId}: the consent cookie's
 * device id, which a visitor without an account proves by holding it; {@code language}: of the notices (else the
 * browser's Accept-Language, else French under Québec's law, else English).
 */
public record CreateRequestDto(
        @NotNull RequestType type,
        Jurisdiction jurisdiction,
        @Size(max = 5000) String message,
        @Email @Size(max = 320) String email,
        @Size(max = 20) Map<@Pattern(regexp = "[a-zA-Z][a-zA-Z0-9_.-]{0,63}") String, @NotBlank @Size(max = 1000) String> changes,
        ObjectionScope objection,
        @Pattern(regexp = DEVICE_ID, message = "must be the consent cookie's device id (a UUID)") String deviceId,
        @Pattern(regexp = "en|fr", message = "must be en or fr") String language) {

    /** The SDK's device ids are random UUIDs (contract: Identity). */
    public static final String DEVICE_ID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
}
