package org.privacysuite.console.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** What an operator can tune about the console; the API addresses are the REST clients' own config. */
@ConfigMapping(prefix = "console")
public interface ConsoleConfig {

    /**
     * Origin (scheme://host[:port]) of the identity provider's pages as the browser sees them: signing out posts a
     * form there, so the Content-Security-Policy's {@code form-action} must name it.
     */
    String identityProviderOrigin();

    /** Requests per page of the queue (the dsar-service allows up to 200). */
    @WithDefault("50")
    int pageSize();

    Sessions sessions();

    interface Sessions {

        /** Signed-in sessions whose tokens are held at once; the least recently used are dropped beyond. */
        @WithDefault("10000")
        int max();

        /** A session unused for this long is forgotten and its officer signs in again. */
        @WithDefault("30m")
        Duration idle();
    }
}
