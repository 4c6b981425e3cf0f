package org.privacysuite.console.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.privacysuite.console.i18n.ConsoleLocale;

/**
 * The language switch: remembers the choice in a cookie (a preference, no personal data) and goes back to the page
 * it was chosen on. Only paths of the console are gone back to, so the link cannot send anyone elsewhere.
 */
@Path("/language")
@RolesAllowed(Roles.OFFICER)
public class LanguageSwitch {

    @GET
    public Response choose(@QueryParam("to") String to, @QueryParam("back") String back) {
        if (!ConsoleLocale.supported(to)) {
            throw new BadRequestException();
        }
        // relative to the console's root path, which the redirect adds again
        String target = back != null && back.startsWith("/console/") && !back.startsWith("/console//")
                && !back.contains("\\") ? back.substring("/console".length()) : "/";
        NewCookie cookie = new NewCookie.Builder(ConsoleLocale.COOKIE).value(to).path("/console")
                .maxAge(365 * 24 * 3600).secure(true).httpOnly(true).sameSite(NewCookie.SameSite.LAX).build();
        return Response.seeOther(URI.create(target)).cookie(cookie).build();
    }
}
