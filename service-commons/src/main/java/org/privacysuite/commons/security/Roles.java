package org.privacysuite.commons.security;

/** Realm roles of the {@code privacy} realm (architecture: Identity). */
public final class Roles {

    public static final String USER = "user";
    public static final String PRIVACY_OFFICER = "privacy-officer";
    /** Service accounts of other services and of systems such as an order system. */
    public static final String SERVICE = "service";
    /** Staff who write and send newsletter issues (not allowed to see subscribers' data). */
    public static final String MARKETING = "marketing";

    private Roles() {
    }
}
