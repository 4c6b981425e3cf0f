package org.privacysuite.account.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.privacysuite.account.domain.Account;
import org.privacysuite.account.domain.AppUsageEvent;
import org.privacysuite.account.domain.Hold;
import org.privacysuite.account.domain.ProfileField;
import org.privacysuite.account.domain.StatusChange;
import org.privacysuite.account.domain.UsageWithdrawal;
import org.privacysuite.account.identity.IdentityUser;
import org.privacysuite.account.identity.KeycloakAccounts;
import org.privacysuite.account.service.ErasureRules;
import org.privacysuite.events.catalogue.AccessRequested;
import org.privacysuite.events.participant.AccessAnswers;
import org.privacysuite.events.participant.PortableData;

/**
 * Answers an access request with everything account-service holds about the subject: the Keycloak identity
 * (username, email; never credentials), the profile and sharing choices, holds, status history, app usage data and
 * the record of consent withdrawals. The account is the subject id's, or else the one whose verified address is among
 * the request's emails (an unverified address is only what someone typed).
 * <p>
 * A portable request (GDPR Art. 20) gets only what the person provided or what was observed of their use, as flat
 * rows per record type ({@link PortableData}): {@code keycloak-user} (id, username, email), {@code account-profile}
 * (the profile fields and the shared ones) and {@code app-usage-event}. Holds, status history and withdrawal records
 * are the business's own records (see {@link AccountParticipant#recordTypes()}).
 */
@ApplicationScoped
public class AccountExport {

    @Inject
    ObjectMapper mapper;

    @Inject
    KeycloakAccounts keycloak;

    @Inject
    AccessAnswers answers;

    @Transactional(Transactional.TxType.MANDATORY)
    public void export(AccessRequested request) {
        Optional<IdentityUser> identity = keycloak.findSubject(request.subjectId());
        Account account = Account.findById(request.subjectId());
        if (account == null && identity.isEmpty() && request.identities() != null) {
            for (String email : request.identities().emails()) {
                identity = keycloak.findByVerifiedEmail(email);
                if (identity.isPresent()) {
                    account = Account.findById(identity.get().id());
                    break;
                }
            }
        }
        ObjectNode data = request.portable() ? portable(identity, account) : full(request, identity, account);
        answers.send(request, ErasureRules.SERVICE, data);
    }

    private ObjectNode portable(Optional<IdentityUser> identity, Account account) {
        List<AppUsageEvent> usage = account == null ? List.of() : AppUsageEvent.allOf(account.id);
        return PortableData.of(AccountParticipant.DECLARED)
                .rows(ErasureRules.KEYCLOAK_USER, identity.map(u -> new IdentityRow(u.id(), u.username(), u.email()))
                        .stream().toList())
                .rows(ErasureRules.ACCOUNT_PROFILE, account == null ? List.of() : List.of(profileRow(account)))
                .rows(ErasureRules.APP_USAGE, usage.stream().map(e -> new UsageRow(e.usageId, e.appliance, e.program,
                        e.durationSeconds, e.startedAt, e.receivedAt)).toList())
                .toJson(mapper);
    }

    /** The profile fields in their fixed order, then the shared ones as one comma-separated value (a flat row). */
    private static Map<String, Object> profileRow(Account account) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (ProfileField field : ProfileField.values()) {
            row.put(field.jsonName(), field.valueOf(account));
        }
        row.put("sharedFields", account.sharedFields().stream().map(ProfileField::jsonName)
                .collect(Collectors.joining(",")));
        return row;
    }

    private ObjectNode full(AccessRequested request, Optional<IdentityUser> identity, Account account) {
        ObjectNode data = mapper.createObjectNode();
        data.put("subjectId", request.subjectId());
        data.set("identity", identity.<JsonNode>map(u -> mapper.valueToTree(
                new IdentityExport(u.id(), u.username(), u.email(), u.enabled()))).orElse(mapper.nullNode()));
        if (account == null) {
            data.putNull("account");
        } else {
            data.set("account", mapper.valueToTree(accountOf(account)));
            String id = account.id;
            data.set("holds", mapper.valueToTree(Hold.allOf(id).stream()
                    .map(h -> new HoldExport(h.id, h.reason, h.until, h.reference, h.createdAt, h.releasedAt)).toList()));
            data.set("statusHistory", mapper.valueToTree(StatusChange.of(id).stream()
                    .map(c -> new StatusExport(c.status.name(), c.cause.name(), c.changedAt)).toList()));
            data.set("appUsage", mapper.valueToTree(AppUsageEvent.allOf(id).stream()
                    .map(e -> new UsageExport(e.usageId, e.appliance, e.program, e.durationSeconds, e.startedAt,
                            e.receivedAt, e.consentNoticeVersion)).toList()));
            data.set("appUsageWithdrawals", mapper.valueToTree(UsageWithdrawal.of(id).stream()
                    .map(w -> new WithdrawalExport(w.withdrawnAt, w.processedAt, w.deletedCount)).toList()));
        }
        return data;
    }

    private static Map<String, Object> accountOf(Account account) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", account.id);
        out.put("username", account.username);
        out.put("status", account.status.name());
        out.put("createdAt", account.createdAt);
        out.put("closureRequestedAt", account.closureRequestedAt);
        out.put("closedAt", account.closedAt);
        Map<String, String> profile = new LinkedHashMap<>();
        for (ProfileField field : ProfileField.values()) {
            profile.put(field.jsonName(), field.valueOf(account));
        }
        out.put("profile", profile);
        out.put("sharedFields", account.sharedFields().stream().map(ProfileField::jsonName).toList());
        return out;
    }

    /** Keycloak's record of the person: never credentials. */
    public record IdentityExport(String id, String username, String email, boolean enabled) {
    }

    public record HoldExport(String id, String reason, Instant until, String reference, Instant registeredAt,
            Instant releasedAt) {
    }

    public record StatusExport(String status, String cause, Instant at) {
    }

    public record UsageExport(String id, String appliance, String program, long durationSeconds, Instant startedAt,
            Instant receivedAt, Integer consentNoticeVersion) {
    }

    /** Portable {@code keycloak-user}: what the person gave at sign-up (never the password). */
    public record IdentityRow(String id, String username, String email) {
    }

    /** Portable {@code app-usage-event}: what the companion app observed. */
    public record UsageRow(String id, String appliance, String program, long durationSeconds, Instant startedAt,
            Instant receivedAt) {
    }

    public record WithdrawalExport(Instant withdrawnAt, Instant processedAt, long deletedUsageEvents) {
    }
}
