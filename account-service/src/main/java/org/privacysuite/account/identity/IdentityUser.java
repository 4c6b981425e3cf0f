package org.privacysuite.account.identity;

import org.keycloak.representations.idm.UserRepresentation;

/**
 * What account-service reads of a Keycloak user. {@code emailVerified}: Keycloak's flag that the owner proved the
 * address; an address without it is only what someone typed.
 */
public record IdentityUser(String id, String username, String email, boolean enabled, boolean emailVerified) {

    static IdentityUser of(UserRepresentation user) {
        return new IdentityUser(user.getId(), user.getUsername(), user.getEmail(), Boolean.TRUE.equals(user.isEnabled()),
                Boolean.TRUE.equals(user.isEmailVerified()));
    }
}
