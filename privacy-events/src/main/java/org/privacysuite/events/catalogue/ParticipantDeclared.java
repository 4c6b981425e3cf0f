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
        List<ProcessingActivity> activities, List<String> rectifiableFields, Instant declaredAt, String retiredBy,
        Residency residency, List<Transfer> transfers) implements EventData {

    public ParticipantDeclared {
        // A declaration published before rectifiable fields existed is read as one that rectifies nothing.
        rectifiableFields = rectifiableFields == null ? List.of() : List.copyOf(rectifiableFields);
        transfers = transfers == null ? List.of() : List.copyOf(transfers);
    }

    public ParticipantDeclared(String service, List<DeclaredRecordType> recordTypes,
            List<ProcessingActivity> activities, List<String> rectifiableFields, Instant declaredAt,
            String retiredBy) {
        this(service, recordTypes, activities, rectifiableFields, declaredAt, retiredBy, null, List.of());
    }

    public static ParticipantDeclared declaration(String service, List<DeclaredRecordType> recordTypes,
            List<ProcessingActivity> activities, List<String> rectifiableFields, Instant at) {
        return new ParticipantDeclared(service, recordTypes, activities, rectifiableFields, at, null);
    }

    /** With where the service stores its data and to whom it transfers it (record of processing, GDPR Art. 30). */
    public ParticipantDeclared storedIn(Residency where, List<Transfer> to) {
        return new ParticipantDeclared(service, recordTypes, activities, rectifiableFields, declaredAt, retiredBy,
                where, to);
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
            String legalBasis, String retention, DataOrigin origin, List<String> stores) {

        public DeclaredRecordType {
            stores = stores == null ? List.of() : List.copyOf(stores);
        }

        public DeclaredRecordType(String recordType, String description, ErasureAction onErasure, String legalBasis,
                String retention) {
            this(recordType, description, onErasure, legalBasis, retention, null, List.of());
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
            return new DeclaredRecordType(recordType, description, onErasure, legalBasis, retention, dataOrigin,
                    stores);
        }

        /**
         * The same record type, with the tables (and topics) that hold it: the record of processing says where every
         * personal datum lives, and each service's tests check that every table of its schema is declared.
         */
        public DeclaredRecordType in(String... tablesOrTopics) {
            return new DeclaredRecordType(recordType, description, onErasure, legalBasis, retention, origin,
                    List.of(tablesOrTopics));
        }

        public boolean portable() {
            return origin != null && origin.portable();
        }
    }

    /**
     * What the service processes personal data for, on which legal basis (GDPR Art. 6), about whom, which data, in
     * which record types, who receives it and for how long it is kept (GDPR Art. 30(1)(b)-(f), Art. 13-15).
     */
    public record ProcessingActivity(String name, String purpose, String legalBasis, List<String> subjects,
            List<String> dataCategories, List<String> recordTypes, List<String> recipients, String retention) {

        public ProcessingActivity {
            subjects = subjects == null ? List.of() : List.copyOf(subjects);
            dataCategories = dataCategories == null ? List.of() : List.copyOf(dataCategories);
            recordTypes = recordTypes == null ? List.of() : List.copyOf(recordTypes);
            recipients = recipients == null ? List.of() : List.copyOf(recipients);
        }

        public ProcessingActivity(String name, String purpose, String legalBasis) {
            this(name, purpose, legalBasis, List.of(), List.of(), List.of(), List.of(), null);
        }
    }

    /**
     * Where the service stores personal data: the country and region of its database and broker, and who hosts them
     * (GDPR Art. 30(1)(e), PIPEDA accountability). Comes from the deployment's configuration
     * ({@code privacy.events.residency.*}), which the production overlay sets and a test compares with its region.
     */
    public record Residency(String country, String region, String provider) {
    }

    /** A transfer of personal data to a recipient in another country, and the safeguard it rests on (Art. 30(1)(e)). */
    public record Transfer(String recipient, String country, String safeguard) {
    }
}
