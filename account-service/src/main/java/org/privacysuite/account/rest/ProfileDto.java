package org.privacysuite.account.rest;

import java.util.LinkedHashMap;
import java.util.Map;
import org.privacysuite.account.domain.Account;
import org.privacysuite.account.domain.ProfileField;

/** The optional profile fields; which of them are public is the owner's choice ({@code sharedFields}). */
public record ProfileDto(String displayName, String bio, String city, String website, String avatarUrl) {

    static ProfileDto of(Account account) {
        return new ProfileDto(account.displayName, account.bio, account.city, account.website, account.avatarUrl);
    }

    /** By field name, without the fields not given. */
    Map<String, String> given() {
        Map<String, String> values = new LinkedHashMap<>();
        put(values, ProfileField.DISPLAY_NAME, displayName);
        put(values, ProfileField.BIO, bio);
        put(values, ProfileField.CITY, city);
        put(values, ProfileField.WEBSITE, website);
        put(values, ProfileField.AVATAR_URL, avatarUrl);
        return values;
    }

    private static void put(Map<String, String> values, ProfileField field, String value) {
        if (value != null) {
            values.put(field.jsonName(), value);
        }
    }
}
