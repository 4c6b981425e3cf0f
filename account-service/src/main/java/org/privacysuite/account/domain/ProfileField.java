package org.privacysuite.account.domain;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The optional profile fields a person may give, each of which they may choose to share publicly. The email and the
 * username are not profile fields: the email is never public, the username is the public profile's address.
 */
public enum ProfileField {

    DISPLAY_NAME("displayName", 100, false, a -> a.displayName, (a, v) -> a.displayName = v),
    BIO("bio", 1000, false, a -> a.bio, (a, v) -> a.bio = v),
    CITY("city", 100, false, a -> a.city, (a, v) -> a.city = v),
    WEBSITE("website", 2048, true, a -> a.website, (a, v) -> a.website = v),
    AVATAR_URL("avatarUrl", 2048, true, a -> a.avatarUrl, (a, v) -> a.avatarUrl = v);

    private final String jsonName;
    private final int maxLength;
    private final boolean url;
    private final Function<Account, String> getter;
    private final BiConsumer<Account, String> setter;

    ProfileField(String jsonName, int maxLength, boolean url, Function<Account, String> getter,
            BiConsumer<Account, String> setter) {
        this.jsonName = jsonName;
        this.maxLength = maxLength;
        this.url = url;
        this.getter = getter;
        this.setter = setter;
    }

    public String jsonName() {
        return jsonName;
    }

    public String valueOf(Account account) {
        return getter.apply(account);
    }

    public void set(Account account, String value) {
        setter.accept(account, value);
    }

    public static Optional<ProfileField> byJsonName(String name) {
        return Arrays.stream(values()).filter(f -> f.jsonName.equals(name)).findFirst();
    }

    /** Why {@code value} cannot be stored in this field, or empty when it can (null clears the field). */
    public Optional<String> problemWith(String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.length() > maxLength) {
            return Optional.of("must be at most " + maxLength + " characters");
        }
        if (url && !value.matches("https?://[^\\s]+")) {
            return Optional.of("must be an http(s) URL");
        }
        boolean multiLine = this == BIO;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && !(multiLine && (c == '\n' || c == '\r' || c == '\t'))) {
                return Optional.of("must not contain control characters");
            }
        }
        return Optional.empty();
    }
}
