package org.privacysuite.newsletter.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Calendar;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.privacysuite.newsletter.config.NewsletterConfig;
import org.privacysuite.newsletter.domain.SendLogEntry;
import org.privacysuite.newsletter.domain.SendStatus;

/**
 * The send log ({@code send_log}): one row per issue and subscriber, the only record of who was mailed an issue.
 * Its primary key is what makes sending exact across replicas: {@link #claim} writes the row in the transaction that
 * hands the mail over, and a second sender of the same copy waits for it and then fails the insert.
 */
@ApplicationScoped
public class SendLog {

    @Inject
    DataSource dataSource;

    @Inject
    NewsletterConfig config;

    @Inject
    Clock clock;

    long sent(String issueId) {
        return SendLogEntry.count("issueId = ?1 and status = ?2", issueId, SendStatus.SENT);
    }

    long sentPersonalised(String issueId) {
        return SendLogEntry.count("issueId = ?1 and status = ?2 and personalised = true", issueId, SendStatus.SENT);
    }

    /** Copies that failed as often as they may: no further round tries them. */
    long failedForGood(String issueId) {
        return SendLogEntry.count("issueId = ?1 and status = ?2 and attempts >= ?3", issueId, SendStatus.FAILED,
                config.sending().maxAttempts());
    }

    /**
     * Writes the send_log row in the current transaction. The primary key (issue, subscriber) makes a concurrent
     * sender wait for this transaction and then fail the insert, so exactly one of them mails.
     */
    boolean claim(String issueId, String subscriberId, boolean personalised) {
        Timestamp now = Timestamp.from(Instant.now(clock));
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT status, attempts FROM send_log WHERE issue_id = ? AND subscriber_id = ?")) {
                select.setString(1, issueId);
                select.setString(2, subscriberId);
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        if (!SendStatus.FAILED.name().equals(rs.getString(1))
                                || rs.getInt(2) >= config.sending().maxAttempts()) {
                            return false;
                        }
                        try (PreparedStatement retry = connection.prepareStatement("UPDATE send_log SET status = 'SENT',"
                                + " attempts = attempts + 1, personalised = ?, updated_at = ?, failure = NULL"
                                + " WHERE issue_id = ? AND subscriber_id = ? AND status = 'FAILED' AND attempts < ?")) {
                            retry.setBoolean(1, personalised);
                            retry.setTimestamp(2, now, utc);
                            retry.setString(3, issueId);
                            retry.setString(4, subscriberId);
                            retry.setInt(5, config.sending().maxAttempts());
                            return retry.executeUpdate() == 1;
                        }
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO send_log"
                    + " (issue_id, subscriber_id, status, attempts, personalised, updated_at) VALUES (?, ?, 'SENT', 1, ?, ?)")) {
                insert.setString(1, issueId);
                insert.setString(2, subscriberId);
                insert.setBoolean(3, personalised);
                insert.setTimestamp(4, now, utc);
                insert.executeUpdate();
                return true;
            } catch (SQLIntegrityConstraintViolationException e) {
                return false; // a concurrent sender wrote it first and committed
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write the send log", e);
        }
    }

    void recordFailure(String issueId, String subscriberId, RuntimeException failure) {
        SendLogEntry entry = SendLogEntry.findById(new SendLogEntry.Key(issueId, subscriberId));
        Instant now = Instant.now(clock);
        if (entry == null) {
            entry = new SendLogEntry();
            entry.issueId = issueId;
            entry.subscriberId = subscriberId;
            entry.status = SendStatus.FAILED;
            entry.attempts = 1;
            entry.updatedAt = now;
            entry.failure = failure.getClass().getSimpleName();
            entry.persist();
        } else if (entry.status == SendStatus.FAILED) {
            entry.attempts++;
            entry.updatedAt = now;
            entry.failure = failure.getClass().getSimpleName();
        }
    }
}
