package org.privacysuite.dsar.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.privacysuite.dsar.domain.PrivacyRequest;

/**
 * Resolves a request's proven identities to every identity of the same person that a participant may hold data
 * under (docs/identity.md, "Reach"), once, when its saga starts:
 * <ul>
 * <li>a proven address → the account whose <em>verified</em> address it is (account-service): an address someone
 * merely typed at sign-up proves nothing, and must not hand its prover another person's account;</li>
 * <li>the account → its verified address (so that an erasure opened by an account closure also reaches newsletter
 * subscriptions made with that address);</li>
 * <li>the account → the devices that signed in to it (consent-service).</li>
 * </ul>
 * Never the other way from a device: holding a shared computer's cookie does not make its holder the account's owner.
 */
@ApplicationScoped
public class IdentityResolution {

    @Inject
    Directories directories;

    public ResolvedIdentities resolve(PrivacyRequest request) {
        String subject = request.subjectId;
        Set<String> emails = new LinkedHashSet<>();
        request.provenEmail().ifPresent(emails::add);
        Set<String> deviceIds = new LinkedHashSet<>();
        if (request.deviceId != null) {
            deviceIds.add(request.deviceId);
        }
        List<String> found = new ArrayList<>();
        if (subject != null || !emails.isEmpty()) {
            List<AccountDirectoryApi.Account> known = directories.accounts(subject, List.copyOf(emails));
            if (subject == null && !known.isEmpty()) {
                subject = known.get(0).subjectId();
                found.add("account behind the proven address (account-service, verified address)");
            }
            for (AccountDirectoryApi.Account account : known) {
                if (account.subjectId().equals(subject) && account.email() != null
                        && emails.add(account.email().toLowerCase(Locale.ROOT))) {
                    found.add("the account's verified address (account-service)");
                }
            }
        }
        if (subject != null) {
            List<String> linked = directories.linkedDevices(subject);
            linked.stream().map(d -> d.toLowerCase(Locale.ROOT)).filter(deviceIds::add)
                    .forEach(d -> found.add("a device linked to the account (consent-service)"));
        }
        return new ResolvedIdentities(subject, List.copyOf(emails), List.copyOf(deviceIds), found);
    }
}
