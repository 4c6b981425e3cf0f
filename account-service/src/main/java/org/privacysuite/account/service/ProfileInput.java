package org.privacysuite.account.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.privacysuite.account.domain.ProfileField;
import org.privacysuite.commons.problem.Problem;
import org.privacysuite.commons.problem.ProblemException;

/** Checks profile values and sharing choices by field name, so sign-up and patch follow the same rules. */
final class ProfileInput {

    private ProfileInput() {
    }

    /** Values by field; a null value clears the field. Unknown names and invalid values fail together. */
    static Map<ProfileField, String> values(Map<String, String> byName, String prefix, List<Problem.FieldError> errors) {
        Map<ProfileField, String> values = new EnumMap<>(ProfileField.class);
        if (byName == null) {
            return values;
        }
        byName.forEach((name, value) -> ProfileField.byJsonName(name).ifPresentOrElse(field -> {
            String cleaned = value == null || value.isBlank() ? null : value.strip();
            field.problemWith(cleaned).ifPresentOrElse(
                    problem -> errors.add(new Problem.FieldError(prefix + name, problem)),
                    () -> values.put(field, cleaned));
        }, () -> errors.add(new Problem.FieldError(prefix + name, "is not a profile field; known: " + known()))));
        return values;
    }

    static Set<ProfileField> shared(Collection<String> names, String field, List<Problem.FieldError> errors) {
        Set<ProfileField> shared = EnumSet.noneOf(ProfileField.class);
        if (names == null) {
            return shared;
        }
        for (String name : names) {
            ProfileField.byJsonName(name).ifPresentOrElse(shared::add,
                    () -> errors.add(new Problem.FieldError(field, name + " is not a profile field; known: " + known())));
        }
        return shared;
    }

    static void failIfAny(List<Problem.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    static List<Problem.FieldError> errors() {
        return new ArrayList<>();
    }

    private static String known() {
        return String.join(", ", java.util.Arrays.stream(ProfileField.values()).map(ProfileField::jsonName).toList());
    }
}
