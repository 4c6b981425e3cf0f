package org.privacysuite.newsletter.events;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.privacysuite.events.catalogue.Identities;
import org.privacysuite.newsletter.domain.Subscriber;
import org.privacysuite.newsletter.service.EmailAddresses;

/**
 * What newsletter-service holds about the person a privacy request names. Subscriptions are found by the account
 * (subject id) and the request's addresses, never by a device alone (a shared computer must not pull another
 * person's subscription into the request); browsing data by the subject, the request's devices and the account and
 * device of those subscriptions.
 */
record Identified(List<Subscriber> subscribers, List<String> subjects, List<String> emailKeys) {

    static Identified of(String subjectId, Identities identities, EmailAddresses addresses) {
        List<String> emailKeys = identities.emails().stream().map(addresses::keyOf)
                .flatMap(java.util.Optional::stream).distinct().toList();
        List<Subscriber> subscribers = Subscriber.list("accountId = ?1 or emailKey in ?2 order by subscribedAt",
                subjectId, emailKeys.isEmpty() ? List.of("-") : emailKeys);
        Set<String> subjects = new LinkedHashSet<>();
        subjects.add(subjectId);
        subjects.addAll(identities.deviceIds());
        subscribers.forEach(s -> subjects.addAll(s.personalisationSubjects()));
        return new Identified(subscribers, new ArrayList<>(subjects), emailKeys);
    }

    List<String> subscriberIds() {
        return subscribers.stream().map(s -> s.id).toList();
    }
}
