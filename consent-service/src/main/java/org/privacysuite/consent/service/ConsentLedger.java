package org.privacysuite.consent.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.consent.domain.CollectionMethod;
import org.privacysuite.consent.domain.ConsentReceipt;
import org.privacysuite.consent.domain.ConsentRecord;
import org.privacysuite.consent.domain.ConsentSource;
import org.privacysuite.consent.domain.ConsentState;
import org.privacysuite.consent.domain.DeviceLink;
import org.privacysuite.consent.domain.Purpose;
import org.privacysuite.consent.domain.SubjectType;
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
    public ConsentView record(Subject subject, Choices request, RequestOrigin origin) {
        Map<String, Purpose> purposes = catalogue.byKey();
        Map<String, Boolean> choices = ChoicesValidation.validated(request, purposes, origin.gpc());
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
                    version, now, request.method(), source);
            record.pageUrl = request.url();
            record.userAgentFamily = origin.userAgentFamily();
            record.ipTruncated = origin.ipTruncated();
            record.gpc = gpcApplied;
            append(subject, record);
        }
        return new ConsentView(subject.id(), ConsentState.ofSubject(subject.id()), receiptId);
    }

    /**
     * Records the refusals a privacy request decided for one subject (an objection to direct marketing, an opt-out
     * of sale or sharing) on the same path as a person's own choices: one receipt whose method names the request, a
     * ledger record per purpose at its current notice version, the current state, and {@code consent.changed.v1}
     * where the state changed. Recorded whether or not the subject had decided before, so that the refusal also
     * holds for a subject that only starts using the purpose later. Nothing is deleted.
     *
     * @return the receipt's id
     */
    @Transactional
    public String refuse(Subject subject, Collection<Purpose> purposes, CollectionMethod method) {
        if (method.sendable()) {
            throw new IllegalArgumentException(method.wire() + " is a person's own method, not a request's");
        }
        decisions.changing(affectedBy(subject));
        Instant now = Instant.now(clock);
        String receiptId = issueReceipt(subject, method.wire(), ConsentSource.PRIVACY_REQUEST, false, null, now);
        for (Purpose purpose : purposes) {
            if (purpose.required) {
                throw new IllegalArgumentException(purpose.key + " is strictly necessary: it cannot be refused");
            }
            append(subject, newRecord(subject, receiptId, purpose.key, false, purpose.currentVersion, now, method,
                    ConsentSource.PRIVACY_REQUEST));
        }
        return receiptId;
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
                    deviceState.noticeVersion, deviceState.decidedAt, CollectionMethod.DEVICE_LINK, ConsentSource.API);
            record.gpc = deviceState.gpc;
            record.originSubjectId = deviceId;
            record.recordedAt = now;
            append(account, record);
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
            int noticeVersion, Instant decidedAt, CollectionMethod method, ConsentSource source) {
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
        record.method = method.wire();
        record.source = source;
        return record;
    }

    /** Appends the record to the ledger and moves the subject's state to it, in the caller's transaction. */
    private void append(Subject subject, ConsentRecord record) {
        record.persist();
        applyToState(subject, record);
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
