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
import org.privacysuite.dsar.domain.AnswerPart;
import org.privacysuite.dsar.domain.Participant;
import org.privacysuite.events.catalogue.AccessCompleted;
import org.privacysuite.events.catalogue.AnswerParts;

/**
 * Gathers the parts of an access answer sent in several events: each part is kept, encrypted, until the answer's
 * last one is in; then they are joined ({@link AnswerParts#join}) into the data the participant answered with.
 * <p>
 * Parts are counted per {@code answerId}: a participant asked again while its first answer is on the way sends a
 * second answer with another id, and the two are never mixed. A repeated part (the same event sent twice) is kept
 * once. Whatever parts are left when the participant's answer is complete are deleted with it; parts of an answer
 * that never completes go when the export's retention has passed.
 */
@ApplicationScoped
public class AnswerAssembly {

    /** More parts than this is a broken producer (10,000 consent decisions take about 22). */
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
     * @return the whole answer's data when this part was the last one missing, otherwise null
     * @throws IllegalArgumentException for a part that cannot belong to any answer (a poison event)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public JsonNode add(Participant participant, AccessCompleted answer) {
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
            return null;
        }
        List<JsonNode> parts = new ArrayList<>(answer.parts());
        for (AnswerPart part : AnswerPart.ofAnswer(participant.requestId, participant.service, answerId)) {
            parts.add(read(part.dataEncrypted));
        }
        AnswerPart.deleteOfParticipant(participant.requestId, participant.service);
        return AnswerParts.join(parts);
    }

    /** Parts of answers that never completed (a participant that crashed between two), once their data is due out. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long purgeReceivedBefore(Instant cutoff) {
        return AnswerPart.delete("receivedAt < ?1", cutoff);
    }

    /** The answer's data as the participant row keeps it ({@link ExportVault#seal}). */
    public byte[] seal(JsonNode data) {
        try {
            return vault.seal(mapper.writeValueAsBytes(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(byte[] sealed) {
        try {
            return mapper.readTree(vault.open(sealed));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
