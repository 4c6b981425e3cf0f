package org.privacysuite.account.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.privacysuite.account.config.AccountConfig;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.events.catalogue.RectificationCompleted.FieldResult;
import org.privacysuite.events.catalogue.SubjectKeys;

/**
 * The users of the realm, through Keycloak's admin REST API with account-service's own service account
 * ({@code manage-users}). Keycloak is the only place a password is ever sent to. Every Keycloak failure is turned
 * into a problem the API can answer: 409 for a taken username or email, 400 for what Keycloak refuses (its password
 * policy), 503 when it cannot be reached.
 * <p>
 * The admin client bean is request scoped (it holds the service account's token); the methods activate a request
 * context when none is active, so that event consumers, the lifecycle job and worker threads can call them too.
 */
@ApplicationScoped
@ActivateRequestContext
public class KeycloakAccounts {

    private static final Logger LOG = Logger.getLogger(KeycloakAccounts.class);

    @Inject
    Keycloak keycloak;

    @Inject
    AccountConfig config;

    /** Creates an enabled user with its password in one call, so Keycloak either has the whole user or none. */
    public String create(String username, String email, String password) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(email);
        user.setEnabled(true);
        user.setEmailVerified(false);
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        user.setCredentials(List.of(credential));
        Response response;
        try {
            response = keycloak.realm(realm()).users().create(user);
        } catch (RuntimeException e) {
            throw new IdentityUnavailableException("create the account", e);
        }
        try (response) {
            int status = response.getStatus();
            if (status == 201) {
                return idFrom(response.getLocation());
            }
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            if (status == 409) {
                throw conflict(body);
            }
            if (status == 400) {
                throw refused(body);
            }
            LOG.warnf("Keycloak answered %d to a user creation: %s", status, body);
            throw new IdentityUnavailableException("create the account", null);
        }
    }

    public Optional<IdentityUser> find(String id) {
        try {
            return Optional.of(IdentityUser.of(keycloak.realm(realm()).users().get(id).toRepresentation()));
        } catch (RuntimeException e) {
            if (isNotFound(e)) {
                return Optional.empty();
            }
            throw new IdentityUnavailableException("look the account up", e);
        }
    }

    /**
     * The user a privacy request's subject key names; none for a request's stand-in key, without asking Keycloak (a
     * cookie-only request then neither waits for Keycloak nor fails while it is down).
     */
    public Optional<IdentityUser> findSubject(String subjectKey) {
        return SubjectKeys.mayNameAccount(subjectKey) ? find(subjectKey) : Optional.empty();
    }

    /** The one user with this email address, in any case (emails are unique in the realm, kept in lower case). */
    public Optional<IdentityUser> findByEmail(String email) {
        try {
            return keycloak.realm(realm()).users().searchByEmail(email.toLowerCase(Locale.ROOT), true).stream()
                    .filter(u -> email.equalsIgnoreCase(u.getEmail()))
                    .findFirst()
                    .map(IdentityUser::of);
        } catch (RuntimeException e) {
            throw new IdentityUnavailableException("look the account up", e);
        }
    }

    /**
     * The user whose address this is <em>and</em> who proved it (Keycloak's {@code emailVerified}). Whoever proves an
     * address to the suite reaches only such an account: an unverified address is what someone typed at sign-up,
     * perhaps someone else's, and must not hand its mailbox's owner that account's data.
     */
    public Optional<IdentityUser> findByVerifiedEmail(String email) {
        return findByEmail(email).filter(IdentityUser::emailVerified);
    }

    /** Blocks sign-in (and refreshes) at once; false when the user does not exist (any more). */
    public boolean disable(String id) {
        return setEnabled(id, false);
    }

    /** Undoes {@link #disable} when the closure it was part of could not be recorded. */
    public boolean enable(String id) {
        return setEnabled(id, true);
    }

    private boolean setEnabled(String id, boolean enabled) {
        try {
            // The whole representation goes back: a partial one could clear attributes the user profile manages.
            UserResource user = keycloak.realm(realm()).users().get(id);
            UserRepresentation current = user.toRepresentation();
            if (Boolean.valueOf(enabled).equals(current.isEnabled())) {
                return true;
            }
            current.setEnabled(enabled);
            user.update(current);
            if (!enabled) {
                user.logout(); // ends the sessions, so no refresh token outlives the closure
            }
            return true;
        } catch (RuntimeException e) {
            if (isNotFound(e)) {
                return false;
            }
            throw new IdentityUnavailableException(enabled ? "enable the account" : "disable the account", e);
        }
    }

    /** Deletes the user; false when it was already gone (deleting is idempotent). */
    public boolean delete(String id) {
        Response response;
        try {
            response = keycloak.realm(realm()).users().delete(id);
        } catch (RuntimeException e) {
            if (isNotFound(e)) {
                return false;
            }
            throw new IdentityUnavailableException("delete the account", e);
        }
        try (response) {
            if (response.getStatus() == 204 || response.getStatus() == 200) {
                return true;
            }
            if (response.getStatus() == 404) {
                return false;
            }
            throw new IdentityUnavailableException("delete the account",
                    new WebApplicationException("Keycloak answered " + response.getStatus()));
        }
    }

    /**
     * Corrects the sign-in e-mail and username (null: left as is) in one update, field by field: a value the user
     * already has is UNCHANGED, one Keycloak refuses (taken, or against the realm's rules) is REFUSED with Keycloak's
     * reason and the other field is still tried. A corrected e-mail is not verified: nobody proved the new address,
     * so a token does not vouch for it until its owner does (docs/identity.md). Empty when the user is gone.
     */
    public Optional<List<FieldResult>> correct(String id, String username, String email) {
        List<FieldResult> results = new ArrayList<>();
        UserResource resource = keycloak.realm(realm()).users().get(id);
        UserRepresentation user;
        try {
            user = resource.toRepresentation();
        } catch (RuntimeException e) {
            if (isNotFound(e)) {
                return Optional.empty();
            }
            throw new IdentityUnavailableException("look the account up", e);
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        if (email != null && !email.equalsIgnoreCase(user.getEmail())) {
            wanted.put("email", email);
        } else if (email != null) {
            results.add(FieldResult.unchanged("email"));
        }
        // Keycloak keeps usernames in lower case; the same name in other case is the same name.
        if (username != null && !username.equalsIgnoreCase(user.getUsername())) {
            wanted.put("username", username);
        } else if (username != null) {
            results.add(FieldResult.unchanged("username"));
        }
        while (!wanted.isEmpty()) {
            user.setEmail(wanted.getOrDefault("email", user.getEmail()));
            user.setEmailVerified(wanted.containsKey("email") ? Boolean.FALSE : user.isEmailVerified());
            user.setUsername(wanted.getOrDefault("username", user.getUsername()));
            try {
                resource.update(user);
                wanted.keySet().forEach(field -> results.add(field.equals("email")
                        ? FieldResult.changed(field, "not verified until its owner confirms it")
                        : FieldResult.changed(field)));
                return Optional.of(results);
            } catch (WebApplicationException e) {
                int status = e.getResponse().getStatus();
                if (status != 409 && status != 400) {
                    throw new IdentityUnavailableException("correct the account", e);
                }
                // Refuse the field Keycloak names (both when it names none), restore it and try the rest again.
                String body = e.getResponse().readEntity(String.class);
                KeycloakErrorBody error = KeycloakErrorBody.of(body);
                String reason = error.message().orElse("refused by Keycloak");
                String named = error.field().orElse(reason.toLowerCase().contains("email") ? "email"
                        : reason.toLowerCase().contains("username") ? "username" : null);
                String field = wanted.size() == 1 ? wanted.keySet().iterator().next()
                        : wanted.containsKey(named) ? named : null;
                List<String> refused = field == null ? List.copyOf(wanted.keySet()) : List.of(field);
                for (String name : refused) {
                    results.add(FieldResult.refused(name, status == 409 ? "already used by another account" : reason));
                    wanted.remove(name);
                }
                user = resource.toRepresentation();
            } catch (RuntimeException e) {
                throw new IdentityUnavailableException("correct the account", e);
            }
        }
        return Optional.of(results);
    }

    /** The REST client reports a 404 as a WebApplicationException (not always the NotFoundException subtype). */
    private static boolean isNotFound(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof WebApplicationException web && web.getResponse() != null
                    && web.getResponse().getStatus() == 404) {
                return true;
            }
        }
        return false;
    }

    private String realm() {
        return config.identity().realm();
    }

    private static String idFrom(URI location) {
        if (location == null) {
            throw new IdentityUnavailableException("report the new account's id", null);
        }
        String path = location.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private ProblemException conflict(String body) {
        String message = KeycloakErrorBody.of(body).message().orElse("");
        return message.toLowerCase().contains("email") ? AccountExistsException.email()
                : AccountExistsException.username();
    }

    private ProblemException refused(String body) {
        KeycloakErrorBody error = KeycloakErrorBody.of(body);
        String message = error.message().orElse("refused by the identity provider");
        String field = error.field().orElse(message.toLowerCase().contains("password") ? "password" : "account");
        return ProblemException.invalid(field, message);
    }
}
