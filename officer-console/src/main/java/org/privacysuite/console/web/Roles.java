package org.privacysuite.console.web;

/** The only realm role let in. */
final class Roles {

    static final String OFFICER = "privacy-officer";

    private Roles() {
    }
}
