package org.privacysuite.newsletter.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.privacysuite.newsletter.config.NewsletterConfig;

/** Public URLs in mails, on {@code newsletter.public-base-url} (the gateway). */
@ApplicationScoped
public class Links {

    public static final String UNSUBSCRIBE_PATH = "/api/newsletter/unsubscribe";
    public static final String CONFIRM_PATH = "/api/newsletter/subscriptions/confirm";

    @Inject
    NewsletterConfig config;

    public String unsubscribe(String token) {
        return base() + UNSUBSCRIBE_PATH + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    public String confirm(String token) {
        return base() + CONFIRM_PATH + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    private String base() {
        String base = config.publicBaseUrl().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
