package org.privacysuite.newsletter.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.privacysuite.commons.validation.SingleLine;
import org.privacysuite.newsletter.domain.InterestPurpose;
import org.privacysuite.newsletter.domain.Issue;
import org.privacysuite.newsletter.domain.Subscriber;
import org.privacysuite.newsletter.domain.Topic;
import org.privacysuite.newsletter.service.InterestProfiles;
import org.privacysuite.newsletter.service.Progress;
import org.privacysuite.newsletter.service.TopicCatalogue;

/** The newsletter API's bodies, separate from the entities. */
public final class NewsletterDtos {

    /** A version 4 UUID in canonical lower-case form, as browsers' crypto.randomUUID() makes it (consent cookie id). */
    public static final String DEVICE_ID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    public static final String DEVICE_ID_MESSAGE = "must be a random (version 4) UUID in lower case";

    private NewsletterDtos() {
    }

    public record SubscribeRequest(
            @NotBlank @Size(max = 320) String email,
            @NotEmpty @Size(max = 20) List<@NotNull @Pattern(regexp = TopicCatalogue.TOPIC_KEY) String> topics,
            @Pattern(regexp = DEVICE_ID, message = DEVICE_ID_MESSAGE) String deviceId) {
    }

    /** The same for every address, known or not. */
    public record SubscribeAccepted(String email, List<String> topics, String status, String message) {

        public static SubscribeAccepted of(String email, List<String> topics) {
            return new SubscribeAccepted(email, topics, "CONFIRMATION_REQUIRED",
                    "If this address can receive our newsletter, a message is on its way to it. Nothing is sent"
                            + " before the address owner confirms.");
        }
    }

    public record ConfirmRequest(@NotBlank @Size(max = 200) String token) {
    }

    public record SubscriptionDto(String id, String email, String status, List<String> topics, String deviceId,
            boolean accountLinked, Instant subscribedAt, Instant confirmedAt, Instant unsubscribedAt,
            boolean resubscribedAfterSuppression) {

        public static SubscriptionDto of(Subscriber s) {
            return new SubscriptionDto(s.id, s.email, s.status.name(), s.topics.stream().sorted().toList(), s.deviceId,
                    s.accountId != null, s.subscribedAt, s.confirmedAt, s.unsubscribedAt, s.afterSuppression);
        }
    }

    /** The confirm answer: {@code suppressionLifted} reports that the address had been erased and is now subscribed again. */
    public record ConfirmedDto(String status, String email, List<String> topics, boolean suppressionLifted) {
    }

    public record UnsubscribedDto(String status, String email) {
    }

    /** The signed-in subscriber's view, with what personalisation knows (only kept with consent). */
    public record MyNewsletterDto(SubscriptionDto subscription, List<InterestDto> interests) {
    }

    public record InterestDto(String subject, String topic, double score, Instant updatedAt) {
    }

    public record PreferencesUpdate(
            @Size(max = 20) List<@NotNull @Pattern(regexp = TopicCatalogue.TOPIC_KEY) String> topics,
            Boolean subscribed) {
    }

    public record BrowsingEventRequest(
            @Pattern(regexp = DEVICE_ID, message = DEVICE_ID_MESSAGE) String deviceId,
            @NotEmpty @Size(max = 20) List<@NotNull @Pattern(regexp = TopicCatalogue.TOPIC_KEY) String> topics) {
    }

    /**
     * Tells the sender whether the page view was kept, and why not (the device may show it in its privacy panel):
     * {@code stored} if any purpose kept it; {@code reason} why the path's own purpose did not; {@code purposes} per
     * consent purpose, {@code stored} or the reason.
     */
    public record BrowsingEventAnswer(boolean stored, String reason, Map<String, String> purposes) {

        public static BrowsingEventAnswer of(InterestProfiles.Outcome outcome, InterestPurpose own) {
            Map<String, String> purposes = new LinkedHashMap<>();
            for (InterestPurpose purpose : InterestPurpose.values()) {
                purposes.put(purpose.key, outcome.stored(purpose) ? "stored" : outcome.dropped().get(purpose).tag);
            }
            return new BrowsingEventAnswer(outcome.storedAny(),
                    outcome.stored(own) ? null : outcome.dropped().get(own).tag, purposes);
        }
    }

    public record TopicDto(String key, String title, String description) {

        public static TopicDto of(Topic t) {
            return new TopicDto(t.key, t.title, t.description);
        }
    }

    public record TopicUpdate(@NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 1000) String description) {
    }

    public record SectionDto(
            @NotBlank @Pattern(regexp = TopicCatalogue.TOPIC_KEY) String topic,
            @NotBlank @Size(max = 200) String title,
            @NotBlank @Size(max = 20000) String body) {
    }

    public record IssueRequest(
            // the mail's Subject header: CR/LF would let it add headers (Bcc) or end the header block
            @NotBlank @Size(max = 200) @Pattern(regexp = SingleLine.REGEX, message = SingleLine.MESSAGE) String subject,
            @Size(max = 5000) String intro,
            @NotEmpty @Size(max = 30) List<@NotNull @Valid SectionDto> sections) {
    }

    public record ProgressDto(long total, long sent, long failed, long pending, long personalised) {

        static ProgressDto of(Progress p) {
            return new ProgressDto(p.total(), p.sent(), p.failed(), p.pending(), p.personalised());
        }
    }

    public record IssueDto(String id, String subject, String intro, String status, List<SectionDto> sections,
            Instant createdAt, Instant sendStartedAt, Instant sentAt, ProgressDto progress) {

        public static IssueDto of(Issue issue, Progress progress) {
            return new IssueDto(issue.id, issue.subject, issue.intro, issue.status.name(),
                    issue.sections.stream().map(s -> new SectionDto(s.topic, s.title, s.body)).toList(),
                    issue.createdAt, issue.sendStartedAt, issue.sentAt, progress == null ? null : ProgressDto.of(progress));
        }
    }

}
