package org.privacysuite.dsar.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.dsar.domain.AnswerPart;
import org.privacysuite.dsar.domain.Participant;
import org.privacysuite.events.catalogue.AccessCompleted;
import org.privacysuite.events.catalogue.AnswerParts;

/**
 * The parts of access answers sent in several events. Each part is kept as it came (compressed, encrypted); once an
 * answer's last part is in, the participant names that answer ({@link Participant#answerId}) and its export is
 * joined from the parts when it is read ({@link AnswerParts#join}). So the consumer never holds more than one part of
 * a subject's data, however large the whole, and does no work per answer beyond storing its parts.
 * <p>
 * Parts are counted per {@code answerId}: a participant asked again while its first answer is on the way sends a
 * second answer with another id, and the two are never mixed. A repeated part (the same event sent twice) is kept
 * once. The parts of other answers go when one is complete; those of an answer that never completes go when the
 * export's retention has passed; the chosen answer's go with the export.
 */
@ApplicationScoped
public class AnswerAssembly {

    /** More parts than this is a broken producer (10,000 consent decisions take about 12). */
    static final int MAX_PARTS = 10_000;

    @Inject
    ExportVault vault;

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

    /**
     * Keeps one part of an answer.
     *
     * @return whether the answer is now complete: then {@code participant.answerId} names it
     * @throws IllegalArgumentException for a part that cannot belong to any answer (a poison event)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean add(Participant participant, AccessCompleted answer) {
        if (answer.answerId() == null || answer.parts() > MAX_PARTS || answer.part() < 1
                || answer.part() > answer.parts()) {
            throw new IllegalArgumentException("Access answer part " + answer.part() + " of " + answer.parts()
                    + " (answer " + answer.answerId() + ") from " + answer.service() + " cannot be placed");
        }
        String answerId = answer.answerId().toString();
        if (AnswerPart.findById(new AnswerPart.Key(participant.requestId, participant.service, answerId,
                answer.part())) == null) {
            AnswerPart part = new AnswerPart();
            part.requestId = participant.requestId;
            part.service = participant.service;
            part.answerId = answerId;
            part.part = answer.part();
            part.parts = answer.parts();
            part.dataEncrypted = seal(answer.data());
            part.receivedAt = Instant.now(clock);
            part.persist();
        }
        if (AnswerPart.countOfAnswer(participant.requestId, participant.service, answerId) < answer.parts()) {
            return false;
        }
        AnswerPart.delete("requestId = ?1 and service = ?2 and answerId <> ?3", participant.requestId,
                participant.service, answerId);
        participant.answerId = answerId;
        return true;
    }

    /** The whole answer the participant's parts hold (read when the export is downloaded). */
    public JsonNode joined(Participant participant) {
        List<AnswerPart> stored = AnswerPart.ofAnswer(participant.requestId, participant.service,
                participant.answerId);
        if (stored.isEmpty() || stored.size() != stored.get(0).parts) {
            throw new ProblemException(410, "export-deleted", "Export deleted",
                    "The export's data was deleted at the end of its retention period");
        }
        List<JsonNode> parts = new ArrayList<>(stored.size());
        stored.forEach(part -> parts.add(read(part.dataEncrypted)));
        return AnswerParts.join(parts);
    }

    /** The answer's data as stored ({@link ExportVault#seal}). */
    public byte[] seal(JsonNode data) {
        try {
            return vault.seal(mapper.writeValueAsBytes(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every part of the request's answers: its export is deleted. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long deleteOf(String requestId) {
        return AnswerPart.delete("requestId", requestId);
    }

    /**
     * Parts of answers that never completed (a participant that crashed between two), once the export's retention
     * has passed since they came; the parts an export is read from stay until the export goes.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long purgeIncompleteBefore(Instant cutoff) {
        // answer ids are random UUIDs: the one a participant names is no other participant's
        return AnswerPart.delete("receivedAt < ?1 and answerId not in (select p.answerId from Participant p"
                + " where p.answerId is not null)", cutoff);
    }

    private JsonNode read(byte[] sealed) {
        try {
            return mapper.readTree(vault.open(sealed));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
