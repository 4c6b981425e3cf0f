package org.privacysuite.newsletter.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A newsletter issue: sections per topic in the editors' (generic) order. */
@Entity
@Table(name = "issue")
public class Issue extends PanacheEntityBase {

    @Id
    public String id;

    /** The mail's subject line. */
    public String subject;

    public String intro;

    @Enumerated(EnumType.STRING)
    public IssueStatus status;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "issue_section", joinColumns = @JoinColumn(name = "issue_id"))
    @OrderColumn(name = "position")
    public List<Section> sections = new ArrayList<>();

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "send_started_at")
    public Instant sendStartedAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    public Set<String> topics() {
        Set<String> topics = new LinkedHashSet<>();
        sections.forEach(s -> topics.add(s.topic));
        return topics;
    }
}
