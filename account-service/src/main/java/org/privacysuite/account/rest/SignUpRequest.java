package org.privacysuite.account.rest;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Sign-up: username, email and password go to Keycloak only; the optional profile and the fields to share publicly
 * are stored here. The password's length and strength are Keycloak's password policy to judge.
 */
public record SignUpRequest(
        @NotBlank @Size(min = 3, max = 50) @Pattern(regexp = USERNAME, message = USERNAME_MESSAGE) String username,
        @NotBlank @Size(max = 254) @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "must be a valid email address") String email,
        @NotEmpty @Size(max = 256) String password,
        ProfileDto profile,
        @Size(max = 10) List<@NotBlank String> sharedFields) {

    public static final String USERNAME = "[A-Za-z0-9][A-Za-z0-9._-]*";
    public static final String USERNAME_MESSAGE = "may contain letters, digits, '.', '_' and '-' and must start with a letter or digit";

    /** Keeps the password out of logs and error messages. */
    @Override
    public String toString() {
        return "SignUpRequest[username=" + username + "]";
    }
}
