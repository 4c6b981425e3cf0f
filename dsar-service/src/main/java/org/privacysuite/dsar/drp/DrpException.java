package org.privacysuite.dsar.drp;

/**
 * A failure answered in the DRP error shape (section 3.06: {@code code}, {@code message}, optional {@code fatal}),
 * or with no body at all where the specification says so (a failed pair-wise key setup is a bare 403).
 */
public class DrpException extends RuntimeException {

    private final int status;
    private final boolean fatal;
    private final boolean emptyBody;

    public DrpException(int status, String message, boolean fatal, boolean emptyBody) {
        super(message);
        this.status = status;
        this.fatal = fatal;
        this.emptyBody = emptyBody;
    }

    public static DrpException of(int status, String message) {
        return new DrpException(status, message, false, false);
    }

    public static DrpException fatal(int status, String message) {
        return new DrpException(status, message, true, false);
    }

    /** The bare {@code 403 Forbidden} without a body that section 2.05.1 asks for. */
    public static DrpException bareForbidden(String why) {
        return new DrpException(403, why, false, true);
    }

    public int status() {
        return status;
    }

    public boolean fatal() {
        return fatal;
    }

    public boolean emptyBody() {
        return emptyBody;
    }
}
