package org.privacysuite.console.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.ext.web.LanguageHeader;
import io.vertx.ext.web.impl.ParsableLanguageValue;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleLocaleTest {

    private static List<LanguageHeader> accept(String... tags) {
        return Arrays.stream(tags).<LanguageHeader>map(ParsableLanguageValue::new).toList();
    }

    @Test
    void theSwitchWinsThenTheBrowsersOrderThenEnglish() {
        assertEquals("fr", ConsoleLocale.resolve(null, accept("fr-CA", "en")));
        assertEquals("en", ConsoleLocale.resolve(null, accept("de", "en-GB", "fr")));
        assertEquals("en", ConsoleLocale.resolve("en", accept("fr")));
        assertEquals("fr", ConsoleLocale.resolve("fr", accept("en")));
        assertEquals("en", ConsoleLocale.resolve("de", accept("es")));
        assertEquals("en", ConsoleLocale.resolve(null, List.of()));
    }
}
