package org.privacysuite.console.i18n;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.LanguageHeader;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Locale;

/**
 * The language of this request's page: the officer's choice from the switch (a cookie) wins, else the browser's
 * {@code Accept-Language} in its order of preference, else English.
 */
@Named("lang")
@RequestScoped
public class ConsoleLocale {

    public static final String COOKIE = "console-lang";
    static final List<String> SUPPORTED = List.of("en", "fr");

    @Inject
    RoutingContext request;

    private Locale locale;

    public Locale locale() {
        if (locale == null) {
            locale = Locale.forLanguageTag(resolve(chosen(), request.acceptableLanguages()));
        }
        return locale;
    }

    /** The page's language tag, for {@code <html lang>}. */
    public String code() {
        return locale().getLanguage();
    }

    /** The other language, offered by the switch. */
    public String other() {
        return "fr".equals(code()) ? "en" : "fr";
    }

    public static boolean supported(String tag) {
        return tag != null && SUPPORTED.contains(tag);
    }

    static String resolve(String chosen, List<LanguageHeader> acceptable) {
        if (supported(chosen)) {
            return chosen;
        }
        // Vert.x has already sorted them by their q weights
        for (LanguageHeader language : acceptable) {
            if (supported(language.tag())) {
                return language.tag();
            }
        }
        return "en";
    }

    private String chosen() {
        Cookie cookie = request.request().getCookie(COOKIE);
        return cookie == null ? null : cookie.getValue();
    }
}
