package org.privacysuite.newsletter.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.newsletter.config.NewsletterConfig;
import org.privacysuite.newsletter.domain.InterestPurpose;
import org.privacysuite.newsletter.domain.Issue;
import org.privacysuite.newsletter.domain.IssueStatus;
import org.privacysuite.newsletter.domain.Section;
import org.privacysuite.newsletter.domain.SubscriptionStatus;
import org.privacysuite.newsletter.domain.Subscriber;
import org.privacysuite.newsletter.domain.Topic;
import org.privacysuite.newsletter.mail.MailComposer;
import org.privacysuite.newsletter.mail.MailKind;
import org.privacysuite.newsletter.mail.Postman;

/**
 * Sends issues, resumably and at most once per (issue, subscriber).
 * <p>
 * The audience is every subscriber confirmed when sending started whose topics meet the issue's. A send call, or a
 * background round, takes the next batch of recipients without a {@code SENT} row in {@code send_log}. Per
 * recipient one transaction writes the {@code send_log} row and hands the mail to SMTP; the row commits only if the
 * mail was accepted, and a concurrent or resumed sender that meets the row (the primary key serialises them) skips
 * the recipient. An interrupted send therefore resumes where it stopped and nobody gets an issue twice. (The one gap
 * no SMTP client can close: a crash after the server accepted the mail but before the commit leaves the row
 * unwritten and that recipient is mailed again.)
 * <p>
 * A failed mail is recorded as {@code FAILED} with its attempts; the round stops there (the server is likely down)
 * and the recipient is retried by later rounds until {@code newsletter.sending.max-attempts}, then counted as failed.
 */
@ApplicationScoped
public class IssueSender {

    private static final Logger LOG = Logger.getLogger(IssueSender.class);

    private static final String AUDIENCE = " FROM subscriber s WHERE s.status = 'CONFIRMED' AND s.confirmed_at <= :start"
            + " AND EXISTS (SELECT 1 FROM subscriber_topic t WHERE t.subscriber_id = s.id AND t.topic_key IN (:topics))"
            + " AND NOT EXISTS (SELECT 1 FROM send_log l WHERE l.issue_id = :issue AND l.subscriber_id = s.id"
            + " AND (l.status = 'SENT' OR l.attempts >= :maxAttempts))";

    @Inject
    InterestProfiles profiles;

    @Inject
    MailComposer composer;

    @Inject
    Postman postman;

    @Inject
    NewsletterConfig config;

    @Inject
    EntityManager em;

    @Inject
    SendLog sendLog;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    /** An issue as sending needs it, read once per round. */
    record Snapshot(String id, String subject, String intro, List<Section> sections, List<String> topics,
            Map<String, String> topicTitles, Instant start, IssueStatus status) {
    }

    private record Recipient(String id, List<String> subjects) {
    }

    /**
     * Starts sending (a draft), or continues it: mails at most {@code limit} more recipients (capped by the batch
     * size), and marks the issue SENT once nobody is left.
     */
    public Progress send(String issueId, Integer limit) {
        int batch = Math.max(1, Math.min(limit == null ? config.sending().batchSize() : limit, config.sending().batchSize()));
        Snapshot issue = QuarkusTransaction.requiringNew().call(() -> start(issueId));
        if (issue.status() != IssueStatus.SENT) {
            for (Recipient recipient : QuarkusTransaction.requiringNew().call(() -> due(issue, batch))) {
                if (!sendTo(issue, recipient)) {
                    break; // the mail server failed: later rounds retry
                }
            }
            QuarkusTransaction.requiringNew().run(() -> finishIfDone(issue));
        }
        return progress(issueId);
    }

    /** Continues every issue being sent; in production replicas share the work and the send log keeps it exact. */
    @Scheduled(identity = "newsletter-send-rounds", every = "${newsletter.sending.every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void continueSending() {
        List<String> sending = QuarkusTransaction.requiringNew().call(() -> Issue.<Issue>list("status", IssueStatus.SENDING)
                .stream().map(i -> i.id).toList());
        for (String id : sending) {
            try {
                send(id, null);
            } catch (RuntimeException e) {
                LOG.warnf("Sending issue %s paused: %s", id, e.toString());
            }
        }
    }

    public Progress progress(String issueId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Issue issue = Issue.<Issue>findByIdOptional(issueId).orElseThrow(() -> ProblemException.notFound("Issue " + issueId));
            long sent = sendLog.sent(issueId);
            long personalised = sendLog.sentPersonalised(issueId);
            long failed = sendLog.failedForGood(issueId);
            long pending = issue.status == IssueStatus.SENT ? 0
                    : remaining(snapshot(issue, issue.sendStartedAt != null ? issue.sendStartedAt : Instant.now(clock)));
            return new Progress(sent + failed + pending, sent, failed, pending, personalised);
        });
    }

    private Snapshot start(String issueId) {
        Issue issue = Issue.<Issue>findByIdOptional(issueId).orElseThrow(() -> ProblemException.notFound("Issue " + issueId));
        if (issue.status == IssueStatus.DRAFT) {
            issue.status = IssueStatus.SENDING;
            issue.sendStartedAt = Instant.now(clock);
            registry.counter("newsletter.issues.started").increment();
        }
        return snapshot(issue, issue.sendStartedAt);
    }

    private Snapshot snapshot(Issue issue, Instant start) {
        Map<String, String> titles = new java.util.HashMap<>();
        Topic.<Topic>listAll().forEach(t -> titles.put(t.key, t.title));
        List<Section> sections = issue.sections.stream().map(s -> new Section(s.topic, s.title, s.body)).toList();
        return new Snapshot(issue.id, issue.subject, issue.intro, sections, List.copyOf(issue.topics()), titles, start,
                issue.status);
    }

    @SuppressWarnings("unchecked")
    private List<Recipient> due(Snapshot issue, int batch) {
        // Recipients whose last attempt failed wait a while before the next one.
        List<String> ids = audience(em.createNativeQuery("SELECT s.id" + AUDIENCE
                + " AND NOT EXISTS (SELECT 1 FROM send_log w WHERE w.issue_id = :issue AND w.subscriber_id = s.id"
                + " AND w.status = 'FAILED' AND w.updated_at > :retryAfter)"
                + " ORDER BY s.id LIMIT " + batch), issue)
                .setParameter("retryAfter", Instant.now(clock).minus(config.sending().retryBackoff()))
                .getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, Subscriber> byId = new java.util.HashMap<>();
        Subscriber.<Subscriber>list("id in ?1", ids).forEach(s -> byId.put(s.id, s));
        List<Recipient> recipients = new ArrayList<>();
        for (String id : ids) {
            Subscriber s = byId.get(id);
            if (s != null) {
                recipients.add(new Recipient(s.id, s.personalisationSubjects()));
            }
        }
        return recipients;
    }

    private long remaining(Snapshot issue) {
        return ((Number) audience(em.createNativeQuery("SELECT COUNT(*)" + AUDIENCE), issue).getSingleResult()).longValue();
    }

    private jakarta.persistence.Query audience(jakarta.persistence.Query query, Snapshot issue) {
        return query.setParameter("start", issue.start()).setParameter("topics", issue.topics())
                .setParameter("issue", issue.id()).setParameter("maxAttempts", config.sending().maxAttempts());
    }

    private void finishIfDone(Snapshot snapshot) {
        Issue issue = Issue.findById(snapshot.id());
        if (issue.status == IssueStatus.SENDING && remaining(snapshot) == 0) {
            issue.status = IssueStatus.SENT;
            issue.sentAt = Instant.now(clock);
            registry.counter("newsletter.issues.completed").increment();
        }
    }

    /** @return false when the mail could not be sent */
    private boolean sendTo(Snapshot issue, Recipient recipient) {
        // Consent is asked outside the transaction: no database connection waits on consent-service.
        Map<String, Double> interests = profiles.usableInterests(recipient.subjects(), InterestPurpose.NEWSLETTER);
        try {
            QuarkusTransaction.requiringNew().run(() -> deliver(issue, recipient.id(), interests));
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("Issue %s: mail to subscriber %s failed: %s", issue.id(), recipient.id(), e.toString());
            QuarkusTransaction.requiringNew().run(() -> sendLog.recordFailure(issue.id(), recipient.id(), e));
            return false;
        }
    }

    private void deliver(Snapshot issue, String subscriberId, Map<String, Double> interests) {
        Subscriber subscriber = Subscriber.findById(subscriberId);
        if (subscriber == null || subscriber.status != SubscriptionStatus.CONFIRMED) {
            return; // unsubscribed or erased since the batch was read
        }
        List<Section> mine = issue.sections().stream().filter(s -> subscriber.topics.contains(s.topic)).toList();
        boolean personalised = mine.stream().anyMatch(s -> interests.getOrDefault(s.topic, 0.0) > 0);
        List<Section> ordered = personalised ? personalisedOrder(mine, interests) : mine;
        if (!sendLog.claim(issue.id(), subscriberId, personalised)) {
            return; // another sender has it, or had it
        }
        List<MailComposer.RenderedSection> rendered = ordered.stream()
                .map(s -> MailComposer.render(s, issue.topicTitles().getOrDefault(s.topic, s.topic))).toList();
        postman.deliver(MailKind.ISSUE, composer.issue(subscriber, issue.subject(), issue.intro(), rendered,
                personalised));
        registry.counter("newsletter.issue.copies", "order", personalised ? "personalised" : "generic").increment();
    }

    /** Sections by the reader's interest score, highest first; ties and unscored topics keep the editors' order. */
    static List<Section> personalisedOrder(List<Section> sections, Map<String, Double> interests) {
        List<Section> ordered = new ArrayList<>(sections);
        ordered.sort(Comparator.comparingDouble((Section s) -> interests.getOrDefault(s.topic, 0.0)).reversed());
        return ordered;
    }
}
