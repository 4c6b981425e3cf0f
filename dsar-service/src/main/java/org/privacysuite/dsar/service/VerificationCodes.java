package org.privacysuite.dsar.service;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.dsar.config.DsarConfig;
import org.privacysuite.dsar.domain.VerificationChallenge;

/**
 * The six-digit codes that prove an e-mail address. Only a keyed hash (HMAC-SHA256) of each code is stored: a plain
 * hash of a six-digit code falls to a million guesses offline, so a copy of the database must not be enough. Attempts
 * are counted by a conditional UPDATE before the comparison, which takes the row lock: parallel guesses queue behind
 * each other and cannot pass {@code dsar.verification.max-attempts} together.
 */
@ApplicationScoped
public class VerificationCodes {

    private final SecureRandom random = new SecureRandom();
    private byte[] key;

    @Inject
    DsarConfig config;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @PostConstruct
    void init() {
        key = ServiceKeys.derive(config.export().key(), "verification codes");
    }

    /** A new code for the request, valid {@code dsar.verification.code-ttl}; returns the code to mail. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String issue(String requestId, Instant now) {
        String code = String.format("%06d", random.nextInt(1_000_000));
        VerificationChallenge challenge = new VerificationChallenge();
        challenge.requestId = requestId;
        challenge.codeHash = keyedHash(requestId, code);
        challenge.expiresAt = now.plus(config.verification().codeTtl());
        challenge.persist();
        return code;
    }

    /**
     * Checks a code. A wrong code uses up an attempt (kept even though the caller's transaction must then not roll
     * back: {@code dontRollbackOn = ProblemException}); the right one removes the challenge, so it works once. Throws
     * 404 without a challenge, 429 when the attempts are used up, 410 when expired, 400 for a wrong code.
     */
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = ProblemException.class)
    public void check(String requestId, String code) {
        int counted = em.createQuery("update VerificationChallenge c set c.attempts = c.attempts + 1"
                + " where c.requestId = :id and c.attempts < :max")
                .setParameter("id", requestId).setParameter("max", config.verification().maxAttempts()).executeUpdate();
        VerificationChallenge challenge = VerificationChallenge.findById(requestId);
        if (challenge == null) {
            throw ProblemException.notFound("An unverified request " + requestId);
        }
        em.refresh(challenge);
        if (counted == 0) {
            throw new ProblemException(429, "verification-locked", "Too many attempts",
                    "This request can no longer be verified; please send a new one.");
        }
        if (Instant.now(clock).isAfter(challenge.expiresAt)) {
            throw new ProblemException(410, "verification-expired", "Code expired",
                    "The code has expired; please send a new request.");
        }
        if (!MessageDigest.isEqual(keyedHash(requestId, code).getBytes(StandardCharsets.US_ASCII),
                challenge.codeHash.getBytes(StandardCharsets.US_ASCII))) {
            throw ProblemException.invalid("code", "wrong code; "
                    + (config.verification().maxAttempts() - challenge.attempts) + " attempts left");
        }
        challenge.delete();
    }

    String keyedHash(String requestId, String code) {
        return HexFormat.of().formatHex(ServiceKeys.hmac(key, requestId + ":" + code.trim()));
    }
}
