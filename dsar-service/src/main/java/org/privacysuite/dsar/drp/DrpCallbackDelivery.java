package org.privacysuite.dsar.drp;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.privacysuite.dsar.domain.PrivacyRequest;

/**
 * Sends due status callbacks. Each carries the status current at sending time, so an agent that was unreachable
 * for a while gets the latest state rather than a backlog; a status the agent already has is not sent again.
 */
@ApplicationScoped
public class DrpCallbackDelivery {

    private static final int BATCH = 50;

    @Inject
    DrpCallbackQueue queue;

    @Inject
    DrpCallbackSender sender;

    @Inject
    DrpStatusJson statusJson;

    /** What to send for a request: its callback URL and current status, unless the agent already has it. */
    private record Pending(String url, String json, String fingerprint) {
    }

    /** One round over the due callbacks; returns how many were delivered. */
    public int deliverDue() {
        int delivered = 0;
        for (DrpCallbackQueue.Due due : queue.claim(BATCH)) {
            Pending pending = QuarkusTransaction.requiringNew().call(() -> pending(due.requestId()));
            if (pending == null) {
                queue.delivered(due, null);
                continue;
            }
            DrpCallbackSender.Outcome outcome = sender.post(pending.url(), pending.json());
            if (outcome.delivered()) {
                queue.delivered(due, pending.fingerprint());
                delivered++;
            } else {
                queue.failed(due, outcome.error(), outcome.permanent());
            }
        }
        return delivered;
    }

    private Pending pending(String requestId) {
        DrpRequest drp = DrpRequest.findById(requestId);
        if (drp == null || drp.statusCallback == null) {
            return null;
        }
        String json = statusJson.json(DrpMapping.exerciseStatus(PrivacyRequest.findById(requestId), drp));
        String fingerprint = DrpStatusJson.fingerprintOf(json);
        return fingerprint.equals(drp.deliveredState) ? null : new Pending(drp.statusCallback, json, fingerprint);
    }
}
