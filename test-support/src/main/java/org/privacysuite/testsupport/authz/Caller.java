package org.privacysuite.testsupport.authz;

import java.util.EnumSet;
import java.util.Set;

/** Who calls, in the authorisation matrix: realm roles of the {@code privacy} realm, and two distinct users. */
public enum Caller {
    ANONYMOUS, USER_A, USER_B, OFFICER, SERVICE, MARKETING;

    public static final Set<Caller> ANYONE = EnumSet.allOf(Caller.class);
    /** No realm caller: the endpoint has its own credentials (DRP agents' signed tokens). */
    public static final Set<Caller> NO_REALM_CALLER = EnumSet.noneOf(Caller.class);
    /** Any signed-in person with the user role (acting on their own data). */
    public static final Set<Caller> USERS = EnumSet.of(USER_A, USER_B);

    public static Set<Caller> only(Caller first, Caller... more) {
        return EnumSet.of(first, more);
    }
}
