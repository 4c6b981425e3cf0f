package org.privacysuite.commons.validation;

import java.util.regex.Pattern;

/**
 * Text that may end up in a header (a mail subject, a mail address): no control characters (CR, LF, NUL, TAB, the C1
 * controls such as NEL) and no Unicode line or paragraph separators, so that it can neither start a new header nor
 * end the header block. Use {@link #REGEX} with {@code @Pattern} on input, {@link #check} where the header is built.
 */
public final class SingleLine {

    public static final String REGEX = "[^\\p{Cc}\\p{Zl}\\p{Zp}]*";
    public static final String MESSAGE = "must be a single line without control characters";

    private static final Pattern PATTERN = Pattern.compile(REGEX);

    private SingleLine() {
    }

    public static boolean isSingleLine(String text) {
        return text == null || PATTERN.matcher(text).matches();
    }

    /** @throws IllegalArgumentException when {@code text} could break out of its header */
    public static String check(String what, String text) {
        if (!isSingleLine(text)) {
            throw new IllegalArgumentException(what + " " + MESSAGE);
        }
        return text;
    }
}
