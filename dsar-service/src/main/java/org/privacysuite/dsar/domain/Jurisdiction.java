package org.privacysuite.dsar.domain;

/** The law a request is handled under; its deadlines are computed in {@code LegalDeadlines} and nowhere else. */
public enum Jurisdiction {
    /** EU/EEA: General Data Protection Regulation. */
    GDPR,
    /** California: CCPA as amended by the CPRA, and its regulations. */
    CCPA,
    /** Canada, federal private sector: Personal Information Protection and Electronic Documents Act. */
    PIPEDA,
    /** Québec, private sector: Act respecting the protection of personal information in the private sector (Law 25). */
    QUEBEC
}
