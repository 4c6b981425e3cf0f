package org.privacysuite.account.identity;

/** What account-service reads of a Keycloak user. */
public record IdentityUser(String id, String username, String email, boolean enabled) {
}
