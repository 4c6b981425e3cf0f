package org.privacysuite.consent.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.privacysuite.commons.problem.Problem;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.consent.domain.CollectionMethod;
import org.privacysuite.consent.domain.ConsentReceipt;
import org.privacysuite.consent.domain.ConsentRecord;
import org.privacysuite.consent.domain.ConsentSource;
import org.privacysuite.consent.domain.ConsentState;
import org.privacysuite.consent.domain.DeviceLink;
import org.privacysuite.consent.domain.Purpose;
import org.privacysuite.consent.domain.SubjectType;
import org.privacysuite.consent.rest.ChoicesRequest;
import org.privacysuite.events.catalogue.ConsentChanged;
import org.privacysuite.events.outbox.Outbox;

/**
 * Records decisions in the append-only ledger, keeps the current state in step, hands out a receipt per change and
 * announces changed states with {@code consent.changed.v1}, all in one transaction.
 */
@ApplicationScoped
public class ConsentLedger {

    @Inject
    PurposeCatalogue catalogue;

    @Inject
    DecisionCache decisions;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    public ConsentView current(String subjectId) {
        List<ConsentState> states = ConsentState.ofSubject(subjectId);
        String latestReceipt = states.stream()
                .reduce((a, b) -> b.isLaterThan(a) ? b : a)
                .flatMap(s -> ConsentRecord.byRecordId(s.recordId))
                .map(record -> record.receiptId).orElse(null);
        return new ConsentView(subjectId, states, latestReceipt);
    }

    /**
     * Records the choices. A GPC signal refuses every GPC-governed purpose, whatever the body says, and the
     * records say so. Nothing is stored when any choice is invalid.
     */
    @Transactional
    public ConsentView record(Subject subject, ChoicesRequest request, RequestOrigin origin) {
        Map<String, Purpose> purposes = catalogue.byKey();
        Map<String, Boolean> choices = validated(request, purposes, origin.gpc());
        decisions.changing(affectedBy(subject));

        Instant now = Instant.now(clock);
        ConsentSource source = request.source() != null ? request.source()
                : subject.type() == SubjectType.DEVICE ? ConsentSource.BANNER : ConsentSource.API;
        String receiptId = issueReceipt(subject, request.method().wire(), source, origin.gpc(), request.url(), now);
        for (Map.Entry<String, Boolean> choice : choices.entrySet()) {
            Purpose purpose = purposes.get(choice.getKey());
            boolean gpcApplied = origin.gpc() && purpose.gpcGoverned;
            int version = request.noticeVersions() != null
                    ? request.noticeVersions().getOrDefault(purpose.key, purpose.currentVersion)
                    : purpose.currentVersion;
            ConsentRecord record = newRecord(subject, receiptId, purpose.key, choice.getValue() && !gpcApplied,
                    version, now);
            record.method = request.method().wire();
            record.source = source;
            record.pageUrl = request.url();
            record.userAgentFamily = origin.userAgentFamily();
            record.ipTruncated = origin.ipTruncated();
            record.gpc = gpcApplied;
            record.persist();
            applyToState(subject, record);
        }
        return new ConsentView(subject.id(), ConsentState.ofSubject(subject.id()), receiptId);
    }

    /**
     * Links a device to the account that signed in on it and merges the device's decisions into the account: per
     * purpose the later decision wins. Both ledgers keep their records; the account's new records name the device.
     * A device belongs to at most one account: one linked to another account is refused (409) and nothing changes,
     * since moving the link would hand that browser's checks to someone else's choices. Linking again is harmless.
     * Two first links of the same device at once: the slower one's insert hits the key and is answered 409.
     */
    @Transactional
    public ConsentView linkDevice(String accountId, String deviceId) {
        DeviceLink link = DeviceLink.findById(deviceId);
        if (link != null && !link.accountId.equals(accountId)) {
            throw ProblemException.conflict("device-linked-elsewhere", "Device linked to another account",
                    "This device is linked to another account. Sign out there and unlink it first, or keep your"
                            + " choices on this device without linking it.");
        }
        decisions.changing(List.of(accountId, deviceId));
        Instant now = Instant.now(clock);
        if (link == null) {
            link = new DeviceLink();
            link.deviceId = deviceId;
            link.accountId = accountId;
            link.linkedAt = now;
            link.persist();
        } else {
            link.linkedAt = now;
        }
        Subject account = Subject.account(accountId);
        String receiptId = null;
        for (ConsentState deviceState : ConsentState.ofSubject(deviceId)) {
            ConsentState accountState = ConsentState.of(accountId, deviceState.purposeKey).orElse(null);
            if (accountState != null && !deviceState.isLaterThan(accountState)) {
                continue;
            }
            if (receiptId == null) {
                receiptId = issueReceipt(account, CollectionMethod.DEVICE_LINK.wire(), ConsentSource.API, false,
                        null, now);
            }
            ConsentRecord record = newRecord(account, receiptId, deviceState.purposeKey, deviceState.granted,
                    deviceState.noticeVersion, deviceState.decidedAt);
            record.method = CollectionMethod.DEVICE_LINK.wire();
            record.source = ConsentSource.API;
            record.gpc = deviceState.gpc;
            record.originSubjectId = deviceId;
            record.recordedAt = now;
            record.persist();
            applyToState(account, record);
        }
        return new ConsentView(accountId, ConsentState.ofSubject(accountId), receiptId);
    }

    /**
     * Ends a device's link to the account: the device's checks follow its own decisions again (the account keeps the
     * decisions merged from it). A device that is not linked to this account is "not found", whether it is unknown
     * or someone else's, so the answer tells nothing about other accounts' devices.
     */
    @Transactional
    public void unlinkDevice(String accountId, String deviceId) {
        DeviceLink link = DeviceLink.findById(deviceId);
        if (link == null || !link.accountId.equals(accountId)) {
            throw ProblemException.notFound("A device linked to your account with this id");
        }
        decisions.changing(List.of(accountId, deviceId));
        Instant now = Instant.now(clock);
        for (ConsentState accountState : ConsentState.ofSubject(accountId)) {
            // Other replicas (and other services) learn that the device's effective decision changed.
            ConsentState own = ConsentState.of(deviceId, accountState.purposeKey).orElse(null);
            boolean followedAccount = own == null || accountState.isLaterThan(own);
            if (followedAccount && (own == null ? accountState.granted : own.granted != accountState.granted)) {
                outbox.publish(new ConsentChanged(deviceId, accountState.purposeKey, own != null && own.granted,
                        own != null ? own.noticeVersion : accountState.noticeVersion, now));
            }
        }
        link.delete();
    }

    private Map<String, Boolean> validated(ChoicesRequest request, Map<String, Purpose> purposes, boolean gpc) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<String, Boolean> choices = new TreeMap<>();
        request.choices().forEach((key, granted) -> {
            Purpose purpose = purposes.get(key);
            if (purpose == null) {
                errors.add(new Problem.FieldError("choices." + key, "unknown purpose"));
            } else if (purpose.required) {
                if (!granted) {
                    errors.add(new Problem.FieldError("choices." + key, "strictly necessary: cannot be refused"));
                }
            } else {
                choices.put(key, granted);
            }
        });
        if (request.method() == CollectionMethod.ACCEPT_ALL && request.choices().containsValue(false)) {
            errors.add(new Problem.FieldError("method", "accept-all contradicts a refused purpose"));
        }
        if (request.method() == CollectionMethod.REJECT_ALL && choices.containsValue(true)) {
            errors.add(new Problem.FieldError("method", "reject-all contradicts a granted purpose"));
        }
        if (request.method() == CollectionMethod.DEVICE_LINK) {
            errors.add(new Problem.FieldError("method", "device-link is recorded by linking a device, not sent"));
        }
        if (request.noticeVersions() != null) {
            request.noticeVersions().forEach((key, version) -> {
                Purpose purpose = purposes.get(key);
                if (purpose == null || !request.choices().containsKey(key)) {
                    errors.add(new Problem.FieldError("noticeVersions." + key, "no choice given for this purpose"));
                } else if (version > purpose.currentVersion) {
                    errors.add(new Problem.FieldError("noticeVersions." + key,
                            "notice version " + version + " was never published (current: " + purpose.currentVersion + ")"));
                }
            });
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        if (gpc) {
            // The signal opts out of every GPC-governed purpose, also those the body did not mention.
            purposes.values().stream().filter(p -> p.gpcGoverned && !p.required)
                    .forEach(p -> choices.put(p.key, false));
        }
        return choices;
    }

    private static List<String> affectedBy(Subject subject) {
        List<String> subjects = new ArrayList<>();
        subjects.add(subject.id());
        if (subject.type() == SubjectType.ACCOUNT) {
            subjects.addAll(DeviceLink.devicesOf(subject.id())); // their checks fall back on the account
        }
        return subjects;
    }

    private String issueReceipt(Subject subject, String method, ConsentSource source, boolean gpc, String url,
            Instant now) {
        ConsentReceipt receipt = new ConsentReceipt();
        receipt.receiptId = UUID.randomUUID().toString();
        receipt.subjectId = subject.id();
        receipt.subjectType = subject.type();
        receipt.collectionMethod = method;
        receipt.source = source;
        receipt.gpc = gpc;
        receipt.pageUrl = url;
        receipt.issuedAt = now;
        receipt.persist();
        return receipt.receiptId;
    }

    private ConsentRecord newRecord(Subject subject, String receiptId, String purposeKey, boolean granted,
            int noticeVersion, Instant decidedAt) {
        ConsentRecord record = new ConsentRecord();
        record.recordId = UUID.randomUUID().toString();
        record.receiptId = receiptId;
        record.subjectId = subject.id();
        record.subjectType = subject.type();
        record.purposeKey = purposeKey;
        record.granted = granted;
        record.noticeVersion = noticeVersion;
        record.decidedAt = decidedAt;
        record.recordedAt = decidedAt;
        return record;
    }

    /** Moves the current state to the record's decision and announces it if the state changed. */
    private void applyToState(Subject subject, ConsentRecord record) {
        ConsentState state = ConsentState.of(subject.id(), record.purposeKey).orElse(null);
        boolean changed = state == null || state.granted != record.granted || state.noticeVersion != record.noticeVersion;
        boolean created = state == null;
        if (created) {
            state = new ConsentState();
            state.subjectId = subject.id();
            state.purposeKey = record.purposeKey;
            state.subjectType = subject.type();
        }
        state.granted = record.granted;
        state.noticeVersion = record.noticeVersion;
        state.gpc = record.gpc;
        state.decidedAt = record.decidedAt;
        state.recordId = record.recordId;
        state.recordSeq = record.seq;
        if (created) {
            state.persist();
        }
        if (changed) {
            outbox.publish(new ConsentChanged(subject.id(), record.purposeKey, record.granted, record.noticeVersion,
                    record.decidedAt));
        }
    }
}
