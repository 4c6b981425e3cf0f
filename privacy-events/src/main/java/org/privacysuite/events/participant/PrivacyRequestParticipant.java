package org.privacysuite.events.participant;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.privacysuite.events.catalogue.AccessRequested;
import org.privacysuite.events.catalogue.ErasureRequested;
import org.privacysuite.events.catalogue.ObjectionCompleted;
import org.privacysuite.events.catalogue.ObjectionRequested;
import org.privacysuite.events.catalogue.ParticipantDeclared;
import org.privacysuite.events.catalogue.RectificationRequested;

/**
 * A service that holds personal data and therefore takes part in dsar-service's sagas. Implement it as a CDI bean;
 * {@link PrivacyRequestConsumer} then feeds it the requests, each in the inbox transaction, so an answer published
 * through the outbox goes out exactly when the effect commits.
 */
public interface PrivacyRequestParticipant {

    /** The name dsar-service lists this participant under, such as {@code consent-service}. */
    String service();

    /**
     * The record types of personal data this service holds and what erasure does to each, published at start by
     * {@link ParticipantDeclarer}. Each erasure answer reports, per request, what was done to these same types.
     */
    List<ParticipantDeclared.DeclaredRecordType> recordTypes();

    /**
     * What this service processes personal data for, on which basis, about whom, which data, who receives it and
     * how long it is kept: its part of the record of processing (GDPR Art. 30), which dsar-service assembles.
     */
    List<ParticipantDeclared.ProcessingActivity> activities();

    /** Transfers of personal data outside the storage country, with their safeguard; none by default. */
    default List<ParticipantDeclared.Transfer> transfers() {
        return List.of();
    }

    /** Erase (or anonymise, or retain with a legal basis) and publish {@code privacy.erasure.completed.v1}. */
    void erase(ErasureRequested request) throws Exception;

    /**
     * For a replay of the erasure journal after a restore: the addresses this service holds data under whose journal
     * hash ({@link JournalKeys#hash}) is among {@code hashes}, by hash. A service that holds data under an address
     * alone (the newsletter) implements it, or a restore would bring back what was erased through that address.
     */
    default Map<String, String> addressesByJournalHash(Set<String> hashes, JournalKeys keys) {
        return Map.of();
    }

    /**
     * Collect the subject's data and publish {@code privacy.access.completed.v1}; for a {@code portable} request only
     * the provided and observed record types, in the shape {@link AccessRequested} describes.
     */
    void export(AccessRequested request) throws Exception;

    /**
     * The fields this service corrects on a rectification request, by the names requesters use ({@code email},
     * {@code city}); declared with the record types. Empty (the default): it holds nothing corrected this way.
     */
    default List<String> rectifiableFields() {
        return List.of();
    }

    /**
     * Apply the corrections addressed to this service and publish {@code privacy.rectification.completed.v1} with
     * each field's result. Only called for requests addressed to this service, so only with declared fields. A
     * failure that will pass (an identity provider that is down) is thrown, and the request is delivered again.
     */
    default void rectify(RectificationRequested request) throws Exception {
        throw new UnsupportedOperationException(service() + " declares no rectifiable fields");
    }

    /**
     * Stop the processing the objection covers (never erase: that is {@link #erase}) and return the answer, which
     * {@link PrivacyRequestConsumer} publishes in the same transaction. The default is the answer of a service that
     * does no such processing.
     */
    default ObjectionCompleted object(ObjectionRequested request) throws Exception {
        return ObjectionCompleted.nothingFound(request, service(), "does no processing for "
                + request.scope().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
    }
}
