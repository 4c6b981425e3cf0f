package org.privacysuite.dsar.register;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.privacysuite.dsar.service.Declarations;
import org.privacysuite.events.catalogue.ParticipantDeclared;
import org.privacysuite.events.catalogue.ParticipantDeclared.DeclaredRecordType;
import org.privacysuite.events.catalogue.ParticipantDeclared.ProcessingActivity;
import org.privacysuite.events.catalogue.ParticipantDeclared.Residency;
import org.privacysuite.events.catalogue.ParticipantDeclared.Transfer;
import org.privacysuite.events.config.EventsConfig;

/**
 * The record of processing activities (GDPR Art. 30(1)), assembled from what every service declares next to its
 * record types (its {@code privacy.participant.declared.v1}) and from dsar-service's own declaration: nobody writes
 * it by hand, so it cannot fall behind the code. The same entries make the {@code processing} section of every
 * access package (Art. 15(1)(a)-(h)).
 */
@ApplicationScoped
public class RecordOfProcessing {

    @Inject
    Declarations declarations;

    @Inject
    EventsConfig events;

    @Inject
    Clock clock;

    /** One record type of an activity, with what erasure does to it and where it is stored. */
    public record RecordTypeEntry(String recordType, String description, String origin, String onErasure,
            String legalBasisToKeep, String retentionWhenKept, List<String> stores) {
    }

    /** One processing activity of one service: a line of the register. */
    public record Entry(String service, String activity, String purpose, String legalBasis, List<String> subjects,
            List<String> dataCategories, List<RecordTypeEntry> recordTypes, List<String> recipients, String retention,
            String source, Residency storage, List<Transfer> transfers) {
    }

    public record Register(String controller, Instant generatedAt, List<Entry> activities) {
    }

    public Register register() {
        List<Entry> entries = new ArrayList<>();
        EventsConfig.Residency here = events.residency();
        entries.addAll(entries(DsarProcessing.SERVICE, DsarProcessing.RECORD_TYPES, DsarProcessing.ACTIVITIES,
                new Residency(here.country(), here.region(), here.provider()), List.of()));
        for (Map.Entry<String, ParticipantDeclared> declared : declarations.active().entrySet()) {
            ParticipantDeclared d = declared.getValue();
            entries.addAll(entries(declared.getKey(), d.recordTypes(), d.activities(), d.residency(), d.transfers()));
        }
        return new Register("the company operating this suite (see the privacy statement)", Instant.now(clock),
                entries);
    }

    private static List<Entry> entries(String service, List<DeclaredRecordType> types,
            List<ProcessingActivity> activities, Residency storage, List<Transfer> transfers) {
        List<Entry> entries = new ArrayList<>();
        for (ProcessingActivity activity : activities) {
            List<DeclaredRecordType> used = activity.recordTypes().isEmpty() ? types
                    : types.stream().filter(t -> activity.recordTypes().contains(t.recordType())).toList();
            entries.add(new Entry(service, activity.name(), activity.purpose(), activity.legalBasis(),
                    activity.subjects(), activity.dataCategories(), used.stream().map(RecordOfProcessing::type).toList(),
                    activity.recipients(), activity.retention(), source(used), storage,
                    transfers == null ? List.of() : transfers));
        }
        return entries;
    }

    private static RecordTypeEntry type(DeclaredRecordType t) {
        return new RecordTypeEntry(t.recordType(), t.description(), t.origin() == null ? null : t.origin().name(),
                t.onErasure() == null ? null : t.onErasure().name(), t.legalBasis(), t.retention(), t.stores());
    }

    /** Art. 15(1)(g): where the data comes from, in words, from the record types' origins. */
    private static String source(List<DeclaredRecordType> types) {
        List<String> sources = new ArrayList<>();
        types.stream().map(DeclaredRecordType::origin).filter(Objects::nonNull).distinct().forEach(origin ->
                sources.add(switch (origin) {
                    case PROVIDED -> "from you";
                    case OBSERVED -> "recorded from your use of our services";
                    case DERIVED -> "inferred by us from other data";
                    case RECEIVED -> "our own records, or another of our systems";
                }));
        return sources.isEmpty() ? null : String.join("; ", sources);
    }
}
