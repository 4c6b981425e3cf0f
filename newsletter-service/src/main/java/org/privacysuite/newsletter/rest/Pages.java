package org.privacysuite.newsletter.rest;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The few HTML pages the service serves to people following a mail link (confirm, unsubscribe). Self-contained:
 * no scripts, no external resources; the one inline style block is allowed by its hash in a strict
 * Content-Security-Policy the page brings itself (the gateway keeps a page's own policy). The token is in the URL, so
 * the pages are not cached, not indexed and send no Referer.
 */
@ApplicationScoped
public class Pages {

    static final String CSS = "body{font-family:system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d1f23}"
            + "main{max-width:34rem;margin:4rem auto;padding:2rem;background:#fff;border-radius:8px;"
            + "box-shadow:0 1px 3px rgba(0,0,0,.12)}h1{font-size:1.4rem}"
            + "button{font:inherit;padding:.6rem 1.2rem;border:0;border-radius:4px;background:#1a5fb4;color:#fff;"
            + "cursor:pointer}button:focus{outline:3px solid #99c1f1}";

    private final String contentSecurityPolicy;

    @Inject
    @Location("pages/unsubscribe.html")
    Template unsubscribe;

    @Inject
    @Location("pages/unsubscribed.html")
    Template unsubscribed;

    @Inject
    @Location("pages/confirm.html")
    Template confirm;

    @Inject
    @Location("pages/confirmed.html")
    Template confirmed;

    @Inject
    @Location("pages/problem.html")
    Template problem;

    public Pages() {
        contentSecurityPolicy = "default-src 'none'; style-src '" + sha256(CSS) + "'; form-action 'self';"
                + " frame-ancestors 'none'; base-uri 'none'";
    }

    Response unsubscribe(String token, String maskedEmail, boolean active) {
        return page(200, unsubscribe, Map.of("token", token, "maskedEmail", maskedEmail, "active", active));
    }

    Response unsubscribed(String maskedEmail) {
        return page(200, unsubscribed, Map.of("maskedEmail", maskedEmail == null ? "" : maskedEmail));
    }

    Response confirm(String token) {
        return page(200, confirm, Map.of("token", token));
    }

    Response confirmed(String maskedEmail, java.util.List<String> topics, boolean afterSuppression) {
        return page(200, confirmed, Map.of("maskedEmail", maskedEmail, "topics", topics,
                "afterSuppression", afterSuppression));
    }

    Response problem(int status, String title, String detail) {
        return page(status, problem, Map.of("title", title, "detail", detail));
    }

    private Response page(int status, Template template, Map<String, Object> data) {
        Map<String, Object> all = new HashMap<>(data);
        all.put("css", CSS);
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset(StandardCharsets.UTF_8.name()))
                .header("Content-Security-Policy", contentSecurityPolicy)
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Robots-Tag", "noindex")
                .header("X-Content-Type-Options", "nosniff")
                .entity(template.render(all))
                .build();
    }

    /** Whether the client asked for a page (a browser) rather than JSON. */
    static boolean wantsHtml(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isWildcardType()) {
                return false;
            }
            if (type.isCompatible(MediaType.TEXT_HTML_TYPE)) {
                return true;
            }
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }

    static String sha256(String value) {
        try {
            return "sha256-" + Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
