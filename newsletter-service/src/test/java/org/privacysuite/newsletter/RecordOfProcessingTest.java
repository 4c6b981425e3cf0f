package org.privacysuite.newsletter;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.privacysuite.newsletter.events.NewsletterParticipant;
import org.privacysuite.testsupport.RecordOfProcessingContract;

/** Every table of newsletter-service's schema is declared in its record of processing, or holds no personal data. */
@QuarkusTest
class RecordOfProcessingTest extends NewsletterTestBase {

    @Inject
    AgroalDataSource database;

    @Inject
    NewsletterParticipant participant;

    @Test
    void everyTableIsDeclared() throws Exception {
        RecordOfProcessingContract.assertEveryTableDeclared(database,
                participant.recordTypes().stream().flatMap(t -> t.stores().stream()).toList(), Map.of(
                        "topic", "the newsletter's sections, about no one",
                        "offer", "the offers catalogue written by the marketing team, about no one",
                        "issue", "the issues written by the marketing team",
                        "issue_section", "the sections of each issue",
                        "objection_answer", "the answer given to an objection request: request id and counts"));
    }
}
