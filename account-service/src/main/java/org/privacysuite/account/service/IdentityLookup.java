package org.privacysuite.account.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.privacysuite.account.identity.IdentityUser;
import org.privacysuite.account.identity.KeycloakAccounts;

/**
 * Resolves a privacy request's identities for dsar-service, from Keycloak (the only holder of e-mail addresses and of
 * whether they were proven): the account behind a proven e-mail, and the e-mail of an account, so that a request
 * reaches the person's data everywhere (a newsletter subscription made with the account's address).
 * <p>
 * Only a verified address links an account and an e-mail, in either direction: an unverified one is what someone
 * typed, possibly another person's address. Disabled users are answered too: an account its owner closed keeps its
 * disabled Keycloak user until the erasure request the closure starts, which is exactly when dsar-service asks.
 */
@ApplicationScoped
public class IdentityLookup {

    @Inject
    KeycloakAccounts keycloak;

    /** An account as the lookup answers it; {@code email} null when the account has no verified address. */
    public record Found(String subjectId, String email) {
    }

    /** Accounts in the order first found (the e-mails first, then the subject ids), each once; unknown ones omitted. */
    public List<Found> resolve(List<String> emails, List<String> subjectIds) {
        Map<String, Found> found = new LinkedHashMap<>();
        for (String email : emails) {
            keycloak.findByVerifiedEmail(email).ifPresent(user -> found.putIfAbsent(user.id(), found(user)));
        }
        for (String subjectId : subjectIds) {
            keycloak.find(subjectId).ifPresent(user -> found.putIfAbsent(user.id(), found(user)));
        }
        return List.copyOf(found.values());
    }

    private static Found found(IdentityUser user) {
        return new Found(user.id(), user.emailVerified() ? user.email() : null);
    }
}
