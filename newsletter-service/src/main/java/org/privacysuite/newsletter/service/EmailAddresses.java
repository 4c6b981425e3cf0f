package org.privacysuite.newsletter.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Email;
import java.net.IDN;
import java.util.Locale;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.commons.validation.SingleLine;

/**
 * Validates and normalises addresses. Validation is Hibernate Validator's {@code @Email} (plus a dot in the domain:
 * no mail to intranet hosts) on the trimmed input. Normalisation:
 * <ul>
 * <li>{@code delivery}: trimmed, domain converted to ASCII (IDNA) and lower-cased; the local part is kept as given,
 * since RFC 5321 lets the receiving server treat it case-sensitively;</li>
 * <li>{@code key}: the delivery form with the local part lower-cased as well. It identifies the address (one
 * subscription per key, the suppression hash), because in practice mailboxes ignore case and an erased
 * {@code Alice@example.com} must stay suppressed when it comes back as {@code alice@example.com}. Dots and
 * {@code +tags} are kept: they are provider-specific and may be distinct mailboxes.</li>
 * </ul>
 */
@ApplicationScoped
public class EmailAddresses {

    public static final int MAX_LENGTH = 254;

    @Inject
    Validator validator;

    public record Address(String delivery, String key) {
    }

    record Candidate(@Email(regexp = "[^@]+@[^@]+\\.[^@.]+") String email) {
    }

    /** @throws ProblemException (400, field {@code field}) when the address is not valid */
    public Address normalise(String field, String raw) {
        String trimmed = raw == null ? "" : raw.strip();
        int at = trimmed.lastIndexOf('@');
        // the address becomes the To header: no line breaks or other control characters, even quoted
        if (!SingleLine.isSingleLine(trimmed) || trimmed.isEmpty() || trimmed.length() > MAX_LENGTH || at <= 0 || at == trimmed.length() - 1) {
            throw ProblemException.invalid(field, "must be a well-formed email address");
        }
        String local = trimmed.substring(0, at);
        String domain;
        try {
            domain = IDN.toASCII(trimmed.substring(at + 1), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "must be a well-formed email address");
        }
        String delivery = local + "@" + domain;
        if (delivery.length() > MAX_LENGTH || !validator.validate(new Candidate(delivery)).isEmpty()) {
            throw ProblemException.invalid(field, "must be a well-formed email address");
        }
        return new Address(delivery, local.toLowerCase(Locale.ROOT) + "@" + domain);
    }

    /** The canonical key of an address from elsewhere (a token's email claim, an erasure request), if valid. */
    public java.util.Optional<String> keyOf(String raw) {
        try {
            return java.util.Optional.of(normalise("email", raw).key());
        } catch (ProblemException e) {
            return java.util.Optional.empty();
        }
    }

    /** {@code a***@example.com}: enough for the owner to recognise the address on a page anyone with the link sees. */
    public static String masked(String email) {
        int at = email.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        return email.charAt(0) + "***" + email.substring(at);
    }
}
