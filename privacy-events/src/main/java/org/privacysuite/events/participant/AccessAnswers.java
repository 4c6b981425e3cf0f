package org.privacysuite.events.participant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import org.privacysuite.events.catalogue.AccessCompleted;
import org.privacysuite.events.catalogue.AccessRequested;
import org.privacysuite.events.catalogue.AnswerParts;
import org.privacysuite.events.outbox.Outbox;

/**
 * Sends a participant's access answer to dsar-service: in one event, or in parts ({@link AnswerParts}) when it is
 * larger than {@link #PART_BYTES}. The parts are written to the outbox in one transaction, so they are all sent or
 * none is, in order, under the subject's key (one partition).
 */
@ApplicationScoped
public class AccessAnswers {

    /**
     * A part's data at most: 1 MiB, Kafka's default record size, so that a reader on default settings (a console
     * consumer, another language's client) takes every part, and no part holds a relay batch or a consumer fetch
     * back. A subject with 10,000 consent decisions is about 12 parts.
     */
    public static final int PART_BYTES = 1024 * 1024;

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper mapper;

    /** @return how many events carry the answer */
    @Transactional(Transactional.TxType.MANDATORY)
    public int send(AccessRequested request, String service, ObjectNode data) {
        List<ObjectNode> parts = AnswerParts.split(data, mapper, PART_BYTES);
        UUID answerId = UUID.randomUUID();
        for (int i = 0; i < parts.size(); i++) {
            outbox.publish(new AccessCompleted(request.requestId(), request.subjectId(), service, parts.get(i),
                    answerId, i + 1, parts.size()));
        }
        return parts.size();
    }
}
