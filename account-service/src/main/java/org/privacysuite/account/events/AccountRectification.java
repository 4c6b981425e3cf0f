package org.privacysuite.account.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.privacysuite.account.domain.Account;
import org.privacysuite.account.domain.ProfileField;
import org.privacysuite.account.identity.IdentityUnavailableException;
import org.privacysuite.account.identity.KeycloakAccounts;
import org.privacysuite.account.rest.SignUpRequest;
import org.privacysuite.account.service.AccountLocks;
import org.privacysuite.events.catalogue.RectificationCompleted;
import org.privacysuite.events.catalogue.RectificationCompleted.FieldResult;
import org.privacysuite.events.catalogue.RectificationRequested;
import org.privacysuite.events.inbox.TransientEventFailure;
import org.privacysuite.events.outbox.Outbox;

/**
 * Applies the corrections an officer approved to the fields this service holds: the profile fields here, the
 * username and sign-in e-mail in Keycloak (through its admin API; the username also here, where it addresses the
 * public profile). Each field is checked with the rules of sign-up and profile edits; one that breaks them is refused
 * with the reason, and the others are still applied. The answer, {@code privacy.rectification.completed.v1}, leaves
 * through the outbox in the transaction of the change. Keycloak being down is a failure that passes: the request is
 * delivered again, and a correction already made reads as UNCHANGED.
 */
@ApplicationScoped
public class AccountRectification {

    static final String EMAIL = "email";
    static final String USERNAME = "username";
    private static final String EMAIL_FORM = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";

    @Inject
    AccountLocks locks;

    @Inject
    KeycloakAccounts identities;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    /** Every field a rectification may name here, as declared on privacy.participants. */
    static List<String> fields() {
        return Stream.concat(Stream.of(EMAIL, USERNAME), Stream.of(ProfileField.values()).map(ProfileField::jsonName))
                .toList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(RectificationRequested request) {
        Account account = locks.lock(request.subjectId()).filter(Account::isOpen).orElse(null);
        if (account == null) {
            outbox.publish(RectificationCompleted.nothingFound(request, "no open account of this subject"));
            return;
        }
        List<FieldResult> results = new ArrayList<>();
        String email = null;
        String username = null;
        for (Map.Entry<String, String> change : request.changes().entrySet()) {
            String field = change.getKey();
            String value = change.getValue() == null || change.getValue().isBlank() ? null : change.getValue().strip();
            if (EMAIL.equals(field)) {
                email = accepted(field, value, results, value != null && value.length() <= 254
                        && value.matches(EMAIL_FORM), "must be a valid email address");
            } else if (USERNAME.equals(field)) {
                username = accepted(field, value, results, value != null && value.length() >= 3
                        && value.length() <= 50 && value.matches(SignUpRequest.USERNAME), SignUpRequest.USERNAME_MESSAGE);
            } else {
                results.add(profile(account, field, value));
            }
        }
        if (email != null || username != null) {
            results.addAll(inKeycloak(account, username, email));
        }
        account.updatedAt = Instant.now(clock);
        outbox.publish(RectificationCompleted.of(request, results));
    }

    private static String accepted(String field, String value, List<FieldResult> results, boolean valid, String rule) {
        if (!valid) {
            results.add(FieldResult.refused(field, rule));
            return null;
        }
        return value;
    }

    private List<FieldResult> inKeycloak(Account account, String username, String email) {
        List<FieldResult> results;
        try {
            results = identities.correct(account.id, username, email).orElse(null);
        } catch (IdentityUnavailableException e) {
            throw new TransientEventFailure("Keycloak unavailable while correcting account " + account.id, e);
        }
        if (results == null) {
            return Stream.of(email == null ? null : EMAIL, username == null ? null : USERNAME)
                    .filter(Objects::nonNull).map(f -> FieldResult.refused(f, "the sign-in identity no longer exists"))
                    .toList();
        }
        if (username != null && results.stream().anyMatch(r -> r.field().equals(USERNAME)
                && r.outcome() != RectificationCompleted.FieldOutcome.REFUSED)) {
            account.username = username.toLowerCase(java.util.Locale.ROOT); // as Keycloak keeps it
        }
        return results;
    }

    private static FieldResult profile(Account account, String name, String value) {
        ProfileField field = ProfileField.byJsonName(name).orElse(null);
        if (field == null) {
            return FieldResult.refused(name, "account-service holds no field of this name");
        }
        String problem = field.problemWith(value).orElse(null);
        if (problem != null) {
            return FieldResult.refused(name, problem);
        }
        if (Objects.equals(field.valueOf(account), value)) {
            return FieldResult.unchanged(name);
        }
        field.set(account, value);
        return FieldResult.changed(name);
    }
}
