package org.privacysuite.newsletter.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.newsletter.domain.Issue;
import org.privacysuite.newsletter.domain.IssueStatus;
import org.privacysuite.newsletter.domain.Section;

/** Writing issues. */
@ApplicationScoped
public class IssueDesk {

    @Inject
    TopicCatalogue catalogue;

    @Inject
    Clock clock;

    @Transactional
    public Issue create(String subject, String intro, List<Section> sections, String author) {
        catalogue.requireKnown("sections.topic", sections.stream().map(s -> s.topic).toList());
        Issue issue = new Issue();
        issue.id = UUID.randomUUID().toString();
        issue.subject = subject;
        issue.intro = intro;
        issue.status = IssueStatus.DRAFT;
        issue.sections.addAll(sections);
        issue.createdAt = Instant.now(clock);
        issue.createdBy = author;
        issue.persist();
        return issue;
    }

    @Transactional
    public Issue get(String id) {
        return Issue.<Issue>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Issue " + id));
    }

    @Transactional
    public List<Issue> list() {
        return Issue.list("order by createdAt desc");
    }
}
