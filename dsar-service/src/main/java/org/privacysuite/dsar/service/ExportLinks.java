package org.privacysuite.dsar.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.dsar.config.DsarConfig;
import org.privacysuite.dsar.domain.ExportLink;
import org.privacysuite.dsar.domain.PrivacyRequest;

/**
 * "Downloadable by the owner" for requesters without an account: who asked by email (or through an authorised
 * agent) proved they hold that address, so the package's download link is mailed there. The link carries a random
 * secret of which only the hash is kept; it expires after {@code dsar.export.link-ttl}, never after the export's
 * retention.
 */
@ApplicationScoped
public class ExportLinks {

    private final SecureRandom random = new SecureRandom();

    @Inject
    DsarConfig config;

    @Inject
    MailOutbox mails;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** Mails a download link to the requester of a fulfilled access request that has no account behind it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void mailTo(PrivacyRequest request) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = Instant.now(clock);
        Instant retentionEnd = (request.fulfilledAt == null ? now : request.fulfilledAt)
                .plus(config.export().retention());
        Instant expiry = now.plus(config.export().linkTtl());
        ExportLink link = new ExportLink();
        link.tokenHash = Sha256.hex(token);
        link.requestId = request.id;
        link.createdAt = now;
        link.expiresAt = expiry.isBefore(retentionEnd) ? expiry : retentionEnd;
        link.persist();
        String url = config.publicBaseUrl().replaceAll("/+$", "") + "/api/privacy-requests/" + request.id
                + "/export?token=" + token;
        mails.enqueue(request.provenEmail().orElseThrow(), "Your data is ready",
                "Your " + request.type.name().toLowerCase() + " request (reference " + request.id + ") is complete.\n\n"
                        + "Download your data, one JSON file with a section for each of our services, here:\n" + url
                        + "\n\nThe link works until " + link.expiresAt + " (UTC), for "
                        + config.export().linkMaxDownloads() + " downloads. Anyone with the link can open it: do"
                        + " not forward this message.");
        audit.note(request, AuditTrail.SYSTEM, "export-link-mailed", "download link valid until " + link.expiresAt);
    }

    /**
     * The request a link opens. A link is single-purpose: it opens this request's export and nothing else, until it
     * expires and for at most {@code dsar.export.link-max-downloads} downloads (a broken download can be retried, a
     * forwarded or leaked link does not work for ever). Unknown, expired, used-up or another request's link: 404.
     */
    @Transactional
    public PrivacyRequest open(String requestId, String token) {
        int counted = token == null || token.length() > 100 ? 0 : ExportLink.update(
                "downloads = downloads + 1 where tokenHash = ?1 and requestId = ?2 and expiresAt > ?3 and downloads < ?4",
                Sha256.hex(token), requestId, Instant.now(clock), config.export().linkMaxDownloads());
        if (counted == 0) {
            throw ProblemException.notFound("An export of request " + requestId + " for this link");
        }
        PrivacyRequest request = PrivacyRequest.findById(requestId);
        audit.note(request, "requester", "export-downloaded", "with the mailed link");
        return request;
    }

    /** Expired links go; the export data itself is purged by its own retention. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long purgeExpired(Instant now) {
        return ExportLink.delete("expiresAt < ?1", now);
    }
}
