package org.privacysuite.newsletter.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A part of an issue about one topic. */
@Embeddable
public class Section {

    @Column(name = "topic_key")
    public String topic;

    public String title;

    public String body;

    public Section() {
    }

    public Section(String topic, String title, String body) {
        this.topic = topic;
        this.title = title;
        this.body = body;
    }
}
