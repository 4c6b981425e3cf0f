package org.privacysuite.events.catalogue;

import java.time.Instant;
import java.util.List;

/**
 * A service saying that it takes part in privacy requests: which record types of personal data it holds and what
 * erasure does to each, and what it processes them for. Published at every start on the compacted
 * {@code privacy.participants} topic under the service's name, so the topic always holds each service's latest
 * declaration and dsar-service starts its sagas with the declared set (contract: event catalogue).
 * {@code rectifiableFields}: the fields of a person's data this service corrects on a rectification request (a
 * field held by two services, such as {@code email}, is corrected by both).
 *
 * <p>With {@code retiredBy} set it is the opposite, written by dsar-service when an officer retires a service that is
 * gone: as the latest record under the service's key it survives compaction and a rebuilt database, so the service
 * stays retired until it declares itself again.
 */
public record ParticipantDeclared(String service, List<DeclaredRecordType> recordTypes,
        List<ProcessingActivity> activities, List<String> rectifiableFields, Instant declaredAt, String retiredBy)
        implements EventData {

    public ParticipantDeclared {
        // A declaration published before rectifiable fields existed is read as one that rectifies nothing.
        rectifiableFields = rectifiableFields == null ? List.of() : List.copyOf(rectifiableFields);
    }

    public static ParticipantDeclared declaration(String service, List<DeclaredRecordType> recordTypes,
            List<ProcessingActivity> activities, List<String> rectifiableFields, Instant at) {
        return new ParticipantDeclared(service, recordTypes, activities, rectifiableFields, at, null);
    }

    public static ParticipantDeclared retirement(String service, Instant at, String officer) {
        return new ParticipantDeclared(service, List.of(), List.of(), List.of(), at, officer);
    }

    public boolean isRetirement() {
        return retiredBy != null;
    }

    /** The Kafka key: the service, not a person. Compaction keeps the latest declaration of each service. */
    @Override
    public String subjectId() {
        return service;
    }

    /**
     * One record type and its fate on erasure. {@code legalBasis} and {@code retention} (ISO-8601, such as
     * {@code P6Y}) say why and how long a {@code RETAIN} keeps it; null otherwise. {@code origin}: where its data
     * comes from ({@link #from}); null in declarations written before it existed, read as not portable.
     */
    public record DeclaredRecordType(String recordType, String description, ErasureAction onErasure,
            String legalBasis, String retention, DataOrigin origin) {

        public DeclaredRecordType(String recordType, String description, ErasureAction onErasure, String legalBasis,
                String retention) {
            this(recordType, description, onErasure, legalBasis, retention, null);
        }

        public static DeclaredRecordType deleted(String recordType, String description) {
            return new DeclaredRecordType(recordType, description, ErasureAction.DELETE, null, null);
        }

        public static DeclaredRecordType anonymised(String recordType, String description) {
            return new DeclaredRecordType(recordType, description, ErasureAction.ANONYMISE, null, null);
        }

        public static DeclaredRecordType retained(String recordType, String description, String legalBasis,
                String retention) {
            return new DeclaredRecordType(recordType, description, ErasureAction.RETAIN, legalBasis, retention);
        }

        /** The same record type, with where its data comes from. */
        public DeclaredRecordType from(DataOrigin dataOrigin) {
            return new DeclaredRecordType(recordType, description, onErasure, legalBasis, retention, dataOrigin);
        }

        public boolean portable() {
            return origin != null && origin.portable();
        }
    }

    /** What the service processes personal data for, and on which legal basis (GDPR Art. 6). */
    public record ProcessingActivity(String name, String purpose, String legalBasis) {
    }
}
