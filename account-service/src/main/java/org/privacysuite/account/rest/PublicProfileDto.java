package org.privacysuite.account.rest;

import java.util.Map;

/** What anyone may see: the username and only the profile fields the owner shares. */
public record PublicProfileDto(String username, Map<String, String> profile) {
}
