package org.privacysuite.dsar.drp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.privacysuite.dsar.domain.Jurisdiction;
import org.privacysuite.dsar.domain.Participant;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.dsar.domain.RequestStatus;
import org.privacysuite.dsar.domain.RequestType;
import org.privacysuite.events.catalogue.ObjectionScope;
import org.privacysuite.events.catalogue.StoppedProcessing;

/** How DRP rights actions, regimes and request states map to the service's own requests. */
public final class DrpMapping {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static final String OPEN = "open";
    public static final String IN_PROGRESS = "in_progress";
    public static final String FULFILLED = "fulfilled";
    public static final String REVOKED = "revoked";
    public static final String DENIED = "denied";
    public static final String EXPIRED = "expired";

    /** Section 3.02 reasons a request may be denied with. */
    public static final List<String> DENIAL_REASONS = List.of("suspected_fraud", "insuf_verification", "no_match",
            "claim_not_covered", "outside_jurisdiction", "too_many_requests", "other");

    /**
     * Section 3.01 rights actions this business honours. The table spells them {@code sale:opt_out}; the exercise
     * example in 2.01 spells {@code sale:opt-out}: both are accepted. Opting in to sale is not offered (the suite
     * does not sell data), so {@code sale:opt_in} is refused as an unsupported action.
     */
    private static final Map<String, RequestType> ACTIONS = Map.of(
            "access", RequestType.ACCESS,
            "access:categories", RequestType.ACCESS,
            "access:specific", RequestType.ACCESS,
            "deletion", RequestType.ERASURE,
            "sale:opt_out", RequestType.OBJECTION,
            "sale:opt-out", RequestType.OBJECTION);

    private DrpMapping() {
    }

    public static Optional<RequestType> typeOf(String exercise) {
        return Optional.ofNullable(exercise == null ? null : ACTIONS.get(exercise));
    }

    /**
     * An opt-out of sale is an objection to the sale and sharing of personal data (CCPA §7026), not to direct
     * marketing: it refuses the purposes a GPC signal governs and leaves the newsletter alone.
     */
    public static ObjectionScope objectionOf(String exercise) {
        return typeOf(exercise).filter(t -> t == RequestType.OBJECTION).map(t -> ObjectionScope.SALE_OR_SHARING)
                .orElse(null);
    }

    /** {@code ccpa}, or no regime / {@code voluntary} (handled on CCPA terms); {@code gdpr} where it is named. */
    public static Optional<Jurisdiction> jurisdictionOf(String regime) {
        if (regime == null || regime.equals("ccpa") || regime.equals("voluntary")) {
            return Optional.of(Jurisdiction.CCPA);
        }
        if (regime.equals("gdpr")) {
            return Optional.of(Jurisdiction.GDPR);
        }
        return Optional.empty();
    }

    /** A DRP state with its reason and processing details. */
    public record State(String status, String reason, String processingDetails) {
    }

    /** Section 3.03, the Exercise Status of a request: what status answers, revokes and callbacks carry. */
    public static DrpDtos.ExerciseStatus exerciseStatus(PrivacyRequest request, DrpRequest drp) {
        State state = stateOf(request, drp);
        return new DrpDtos.ExerciseStatus(request.id, iso(request.receivedAt), iso(request.dueAt), drp.agentRequestId,
                state.processingDetails(), state.status(), state.reason(), null, null, null);
    }

    /**
     * ISO 8601 to the second: the answer to an exercise is built from the request in memory, later answers from the
     * database, whose precision differs (MariaDB keeps seconds); the agent must see the same times each time.
     */
    static String iso(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public static State stateOf(PrivacyRequest request, DrpRequest drp) {
        if (drp.revokedAt != null) {
            return new State(REVOKED, null, null);
        }
        RequestStatus status = request.status;
        return switch (status) {
            case UNVERIFIED, PENDING_APPROVAL -> new State(IN_PROGRESS, null,
                    withExtension(request, "Received; the privacy team is reviewing the request."));
            case IN_PROGRESS, STALLED -> new State(IN_PROGRESS, null,
                    withExtension(request, "The request is being carried out."));
            case FULFILLED -> fulfilled(request);
            case DENIED -> denied(request.denialReason);
            case CLOSED -> request.denialReason != null ? denied(request.denialReason)
                    : request.fulfilledAt != null ? fulfilled(request)
                    : new State(DENIED, "other", "Closed by the business without being carried out.");
        };
    }

    /** Access results are not handed to the agent: the person gets a download link at the address the agent gave. */
    private static State fulfilled(PrivacyRequest request) {
        if (request.type.stopsProcessing()) {
            return new State(FULFILLED, null, objectionDetails(request));
        }
        return new State(FULFILLED, null, request.type.collectsData()
                ? "A link to download the data was emailed to the address given in the request." : null);
    }

    /**
     * What an opt-out did, from the participants' answers, so that the agent can tell the person: which purposes
     * were refused and for how many of their identities, and which services had nothing to stop.
     */
    static String objectionDetails(PrivacyRequest request) {
        List<String> done = new ArrayList<>();
        List<String> nothing = new ArrayList<>();
        for (Participant participant : Participant.of(request.id)) {
            List<StoppedProcessing> stopped = stopped(participant);
            if (stopped.isEmpty()) {
                nothing.add(participant.service);
            }
            stopped.forEach(s -> done.add(s.processing() + " " + s.action().name().toLowerCase(Locale.ROOT)
                    + " for " + s.count() + (s.count() == 1 ? " identity" : " identities")));
        }
        String scope = request.objectionScope == ObjectionScope.SALE_OR_SHARING ? "Opted out of sale and sharing"
                : "Direct marketing stopped";
        return scope + ": " + (done.isEmpty() ? "no such processing was found for this person"
                : String.join("; ", done)) + (nothing.isEmpty() ? "" : ". Nothing to stop at "
                + String.join(", ", nothing)) + ".";
    }

    private static List<StoppedProcessing> stopped(Participant participant) {
        try {
            return participant.recordsJson == null ? List.of()
                    : JSON.readValue(participant.recordsJson, new TypeReference<List<StoppedProcessing>>() {
                    });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answer of " + participant.service + " unreadable", e);
        }
    }

    /**
     * An officer's denial reason may start with a DRP reason ({@code no_match: we hold no data for this address});
     * the rest is passed on as processing details. Anything else is {@code other} with the whole text.
     */
    static State denied(String denialReason) {
        String text = denialReason == null ? "" : denialReason.trim();
        for (String reason : DENIAL_REASONS) {
            if (text.equals(reason)) {
                return new State(DENIED, reason, null);
            }
            if (text.startsWith(reason + ":") || text.startsWith(reason + " ")) {
                String rest = text.substring(reason.length() + 1).trim();
                return new State(DENIED, reason, rest.isEmpty() ? null : rest);
            }
        }
        return new State(DENIED, "other", text.isEmpty() ? null : text);
    }

    private static String withExtension(PrivacyRequest request, String details) {
        return request.extendedAt != null && request.extensionReason != null
                ? "Deadline extended: " + request.extensionReason
                : details;
    }
}
