package org.privacysuite.newsletter.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.privacysuite.commons.validation.SingleLine;
import org.privacysuite.newsletter.domain.Offer;
import org.privacysuite.newsletter.service.InterestReport;
import org.privacysuite.newsletter.service.OfferCatalogue;
import org.privacysuite.newsletter.service.OfferRanking;
import org.privacysuite.newsletter.service.TopicCatalogue;

/** The offers API's bodies, separate from the entities. */
public final class OfferDtos {

    private OfferDtos() {
    }

    /**
     * {@code GET /api/offers}: whether the order is personalised, the reason ({@code basis}: {@code interests},
     * {@code no-consent}, {@code gpc}, {@code no-profile}, {@code no-match}, {@code no-device},
     * {@code consent-unavailable}) and the same in words.
     */
    public record OffersAnswer(boolean personalised, String basis, String explanation, List<OfferDto> offers) {

        static OffersAnswer of(OfferRanking.Choice choice) {
            return new OffersAnswer(choice.personalised(), choice.basis().tag, choice.explanation(),
                    choice.offers().stream().map(c -> new OfferDto(c.offer().key(), c.offer().title(),
                            c.offer().description(), c.offer().link(), c.offer().topics(), c.offer().validUntil(),
                            c.matchedTopics())).toList());
        }
    }

    /** An offer as visitors see it; {@code matchedTopics}: the visitor's interests it matched, strongest first. */
    public record OfferDto(String key, String title, String description, String link, List<String> topics,
            Instant validUntil, List<String> matchedTopics) {
    }

    /** The profile in plain words: {@code summary} says it all; {@code interests} lists each topic per purpose. */
    public record InterestsView(String subject, String subjectType, String summary, String halfLife,
            List<InterestDto> interests) {

        static InterestsView of(InterestReport.Report report, String halfLife) {
            return new InterestsView(report.subject(), report.subjectType().name(), report.summary(), halfLife,
                    report.interests().stream().map(i -> new InterestDto(i.topic(), i.title(), i.purpose().key,
                            i.purpose().usedFor, i.weight(), i.strength(), i.lastSeenAt())).toList());
        }
    }

    /**
     * {@code weight}: about how many recent visits showed the interest (a visit one half-life ago counts half);
     * {@code strength}: {@code strong} (5 or more), {@code moderate} (2 or more), {@code slight}.
     */
    public record InterestDto(String topic, String title, String purpose, String usedFor, double weight,
            String strength, Instant lastSeenAt) {
    }

    /** What marketing writes ({@code PUT /api/offers/catalogue/{key}}). */
    public record OfferUpdate(
            @NotBlank @Size(max = 200) @Pattern(regexp = SingleLine.REGEX, message = SingleLine.MESSAGE) String title,
            @NotBlank @Size(max = 1000) String description,
            @Size(max = 500) String link,
            @NotEmpty @Size(max = 10) List<@NotNull @Pattern(regexp = TopicCatalogue.TOPIC_KEY) String> topics,
            Instant validFrom,
            Instant validUntil,
            @NotNull @Min(0) @Max(100000) Integer fallbackRank) {

        OfferCatalogue.Draft draft() {
            return new OfferCatalogue.Draft(title.strip(), description.strip(), link, topics, validFrom, validUntil,
                    fallbackRank);
        }
    }

    /** An offer as marketing sees it. */
    public record CatalogueOfferDto(String key, String title, String description, String link, List<String> topics,
            Instant validFrom, Instant validUntil, int fallbackRank, Instant updatedAt) {

        static CatalogueOfferDto of(Offer o) {
            return new CatalogueOfferDto(o.key, o.title, o.description, o.link, o.topicList(), o.validFrom,
                    o.validUntil, o.fallbackRank, o.updatedAt);
        }
    }
}
