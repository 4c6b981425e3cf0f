package org.privacysuite.dsar.rest;

import java.util.Arrays;
import org.privacysuite.commons.problem.ProblemException;

/**
 * Query parameters read from their text: JAX-RS answers a value it cannot convert with 404, which tells a client
 * nothing; these answer 400 naming the parameter. A blank or absent value is null (no filter).
 */
final class QueryParams {

    private QueryParams() {
    }

    static <E extends Enum<E>> E enumeration(Class<E> type, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    static Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ProblemException.invalid(name, "must be true or false");
        };
    }

    static Integer integer(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(name, "must be a whole number");
        }
    }
}
