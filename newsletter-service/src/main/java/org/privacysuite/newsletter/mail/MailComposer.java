package org.privacysuite.newsletter.mail;

import io.quarkus.mailer.Mail;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.privacysuite.commons.validation.SingleLine;
import org.privacysuite.newsletter.config.NewsletterConfig;
import org.privacysuite.newsletter.domain.Section;
import org.privacysuite.newsletter.domain.Subscriber;
import org.privacysuite.newsletter.service.UnsubscribeTokens;

/**
 * Builds every mail the service sends. Each one, the confirmation request included, carries the RFC 2369
 * {@code List-Unsubscribe} header with the subscriber's one-click URL, RFC 8058's
 * {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click}, and a visible unsubscribe link at the bottom. No
 * tracking pixels, no rewritten links: opening or clicking tells us nothing.
 */
@ApplicationScoped
public class MailComposer {

    public static final String LIST_UNSUBSCRIBE = "List-Unsubscribe";
    public static final String LIST_UNSUBSCRIBE_POST = "List-Unsubscribe-Post";
    public static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    @Inject
    NewsletterConfig config;

    @Inject
    UnsubscribeTokens unsubscribeTokens;

    @Inject
    Links links;

    @Inject
    @Location("mail/confirmation.html")
    Template confirmationHtml;

    @Inject
    @Location("mail/confirmation.txt")
    Template confirmationText;

    @Inject
    @Location("mail/already-subscribed.html")
    Template alreadySubscribedHtml;

    @Inject
    @Location("mail/already-subscribed.txt")
    Template alreadySubscribedText;

    @Inject
    @Location("mail/issue.html")
    Template issueHtml;

    @Inject
    @Location("mail/issue.txt")
    Template issueText;

    /** A section as rendered: its text split into paragraphs. */
    public record RenderedSection(String topic, String topicTitle, String title, List<String> paragraphs) {
    }

    /** @param suppressedBecause why the address is on the suppression list, or null */
    public Mail confirmation(Subscriber subscriber, String confirmationToken, List<String> topicTitles,
            String suppressedBecause) {
        Map<String, Object> data = Map.of(
                "confirmUrl", links.confirm(confirmationToken),
                "topics", topicTitles,
                "suppressedBecause", suppressedBecause == null ? "" : suppressedBecause,
                "validHours", Math.max(1, config.confirmation().ttl().toHours()));
        return compose(subscriber, "Please confirm your newsletter subscription", confirmationHtml, confirmationText,
                data);
    }

    public Mail alreadySubscribed(Subscriber subscriber, List<String> topicTitles) {
        return compose(subscriber, "You are already subscribed to our newsletter", alreadySubscribedHtml,
                alreadySubscribedText, Map.of("topics", topicTitles));
    }

    public Mail issue(Subscriber subscriber, String subject, String intro, List<RenderedSection> sections,
            boolean personalised) {
        return compose(subscriber, subject, issueHtml, issueText, Map.of(
                "subject", subject,
                "introParagraphs", paragraphs(intro),
                "sections", sections,
                "personalised", personalised));
    }

    public static RenderedSection render(Section section, String topicTitle) {
        return new RenderedSection(section.topic, topicTitle, section.title, paragraphs(section.body));
    }

    private Mail compose(Subscriber subscriber, String subject, Template html, Template text, Map<String, Object> data) {
        String unsubscribeUrl = links.unsubscribe(unsubscribeTokens.issue(subscriber.id));
        var footer = Map.<String, Object>of(
                "unsubscribeUrl", unsubscribeUrl,
                "postalAddress", config.mail().postalAddress(),
                "privacyPolicyUrl", config.mail().privacyPolicyUrl());
        Map<String, Object> all = new java.util.HashMap<>(data);
        all.put("footer", footer);
        // Checked again where the headers are built: the API refuses such input, this catches any other way in.
        Mail mail = new Mail()
                .addTo(SingleLine.check("recipient", subscriber.email))
                .setSubject(SingleLine.check("subject", subject))
                .setHtml(html.render(all))
                .setText(text.render(all));
        mail.addHeader(LIST_UNSUBSCRIBE, "<" + unsubscribeUrl + ">");
        mail.addHeader(LIST_UNSUBSCRIBE_POST, ONE_CLICK);
        mail.addHeader("List-Id", config.mail().listId());
        return mail;
    }

    static List<String> paragraphs(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.strip().split("\\R\\s*\\R")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }
}
