package org.privacysuite.dsar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.privacysuite.dsar.domain.AnswerPart;
import org.privacysuite.dsar.domain.AuditEntry;
import org.privacysuite.dsar.domain.Jurisdiction;
import org.privacysuite.dsar.domain.Participant;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.dsar.domain.RequestSource;
import org.privacysuite.dsar.domain.RequestStatus;
import org.privacysuite.dsar.domain.RequestType;
import org.privacysuite.dsar.service.DsarJobs;

/** Participants' copies of a person's data are deleted once the export retention has passed, once, and only then. */
@QuarkusTest
class ExportRetentionTest extends DsarTestBase {

    private static final byte[] DATA = { 1, 2, 3 };
    private static final String PARTED = UUID.randomUUID().toString();

    @Inject
    DsarJobs jobs;

    @Test
    void dataPastItsRetentionIsDeletedOnceAndRecentDataIsKept() {
        String old = fulfilledAccess(Instant.now().minus(Duration.ofDays(400)));
        String recent = fulfilledAccess(Instant.now().minus(Duration.ofMinutes(1)));

        assertTrue(jobs.runOnce());
        assertTrue(jobs.runOnce());

        QuarkusTransaction.requiringNew().run(() -> {
            assertNull(participant(old).dataEncrypted, "deleted after the retention");
            assertFalse(PrivacyRequest.<PrivacyRequest>findById(old).exportDataHeld);
            assertEquals(1, AuditEntry.of(old).stream().filter(e -> "export-deleted".equals(e.action)).count(),
                    "audited once, not on every round");
            assertArrayEquals(DATA, participant(recent).dataEncrypted, "kept within the retention");
            assertTrue(PrivacyRequest.<PrivacyRequest>findById(recent).exportDataHeld);

            assertNull(parted(old).answerId);
            assertEquals(0, AnswerPart.count("requestId", old), "an answer in parts goes with the export");
            assertEquals(PARTED, parted(recent).answerId);
            assertEquals(1, AnswerPart.count("requestId = ?1 and answerId = ?2", recent, PARTED),
                    "the parts an export is read from stay while it does, however old they are");
            assertEquals(0, AnswerPart.count("requestId = ?1 and answerId <> ?2", recent, PARTED),
                    "an answer that never completed goes once the retention has passed since it came");
        });
    }

    private static Participant participant(String requestId) {
        return Participant.findById(new Participant.Key(requestId, "consent-service"));
    }

    private static Participant parted(String requestId) {
        return Participant.findById(new Participant.Key(requestId, "newsletter-service"));
    }

    /** A part as it is stored, received long before the retention ended. */
    private static void part(String requestId, String answerId, int part, int parts) {
        AnswerPart stored = new AnswerPart();
        stored.requestId = requestId;
        stored.service = "newsletter-service";
        stored.answerId = answerId;
        stored.part = part;
        stored.parts = parts;
        stored.dataEncrypted = DATA;
        stored.receivedAt = Instant.now().minus(Duration.ofDays(500));
        stored.persist();
    }

    private static String fulfilledAccess(Instant fulfilledAt) {
        String id = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            PrivacyRequest r = new PrivacyRequest();
            r.id = id;
            r.type = RequestType.ACCESS;
            r.status = RequestStatus.FULFILLED;
            r.source = RequestSource.WEB;
            r.jurisdiction = Jurisdiction.GDPR;
            r.subjectId = UUID.randomUUID().toString();
            r.receivedAt = fulfilledAt.minus(Duration.ofDays(1));
            r.dueAt = r.receivedAt.plus(Duration.ofDays(30));
            r.fulfilledAt = fulfilledAt;
            r.exportDataHeld = true;
            r.persist();
            Participant p = new Participant();
            p.requestId = id;
            p.service = "consent-service";
            p.outcome = Participant.ANSWERED;
            p.dataEncrypted = DATA;
            p.askedAt = r.receivedAt;
            p.answeredAt = fulfilledAt;
            p.persist();
            // a second participant answered in one part (answer PARTED), after an answer that never completed
            Participant q = new Participant();
            q.requestId = id;
            q.service = "newsletter-service";
            q.outcome = Participant.ANSWERED;
            q.answerId = PARTED;
            q.askedAt = r.receivedAt;
            q.answeredAt = fulfilledAt;
            q.persist();
            part(id, UUID.randomUUID().toString(), 1, 2);
            part(id, PARTED, 1, 1);
        });
        return id;
    }
}
