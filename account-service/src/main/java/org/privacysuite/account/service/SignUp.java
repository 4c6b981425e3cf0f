package org.privacysuite.account.service;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.privacysuite.account.domain.Account;
import org.privacysuite.account.domain.ProfileField;
import org.privacysuite.account.identity.AccountExistsException;
import org.privacysuite.account.identity.KeycloakAccounts;
import org.privacysuite.commons.problem.Problem;
import org.privacysuite.commons.problem.ProblemException;

/**
 * Sign-up leaves either both the Keycloak user and the profile, or neither. Everything that can be checked here is
 * checked before Keycloak is called; Keycloak then creates the user with its password in one call (its password
 * policy decides, and a refusal creates nothing); the profile is stored in one transaction; if that fails the
 * Keycloak user is deleted again (compensation).
 */
@ApplicationScoped
public class SignUp {

    private static final Logger LOG = Logger.getLogger(SignUp.class);
    private static final int COMPENSATION_ATTEMPTS = 3;

    @Inject
    KeycloakAccounts keycloak;

    @Inject
    ProfileStore store;

    @Inject
    MeterRegistry registry;

    public record Request(String username, String email, String password, Map<String, String> profile,
            List<String> sharedFields) {
    }

    public record Created(Account account, String email) {
    }

    public Created signUp(Request request) {
        String username = request.username().strip().toLowerCase(Locale.ROOT);
        String email = request.email().strip().toLowerCase(Locale.ROOT);
        List<Problem.FieldError> errors = ProfileInput.errors();
        if ("me".equals(username)) {
            errors.add(new Problem.FieldError("username", "is reserved"));
        }
        Map<ProfileField, String> profile = ProfileInput.values(request.profile(), "profile.", errors);
        Set<ProfileField> shared = ProfileInput.shared(request.sharedFields(), "sharedFields", errors);
        ProfileInput.failIfAny(errors);
        if (Account.byUsername(username).isPresent()) {
            throw usernameTaken();
        }

        String id = keycloak.create(username, email, request.password());
        try {
            return new Created(store.create(id, username, profile, shared), email);
        } catch (RuntimeException e) {
            compensate(id, e);
            if (e instanceof PersistenceException) {
                // Our own constraint (the username row of an account that is still being erased, say).
                throw usernameTaken();
            }
            throw e;
        }
    }

    private void compensate(String id, RuntimeException cause) {
        LOG.warnf("Storing the profile of new account %s failed (%s); deleting its Keycloak user", id, cause.toString());
        for (int attempt = 1; attempt <= COMPENSATION_ATTEMPTS; attempt++) {
            try {
                keycloak.delete(id);
                registry.counter("account.signup.compensations", "outcome", "deleted").increment();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Compensation attempt %d for Keycloak user %s failed: %s", attempt, id, e.getMessage());
            }
        }
        registry.counter("account.signup.compensations", "outcome", "failed").increment();
        LOG.errorf("Keycloak user %s has no profile and could not be deleted; delete it in Keycloak", id);
    }

    private static ProblemException usernameTaken() {
        return AccountExistsException.username();
    }
}
