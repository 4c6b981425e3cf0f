package org.privacysuite.account.identity;

import java.util.List;
import org.privacysuite.commons.problem.Problem;
import org.privacysuite.commons.problem.ProblemException;

/** 409: the username or the email address belongs to an account already; {@code errors} names which. */
public class AccountExistsException extends ProblemException {

    private final String field;

    public AccountExistsException(String field, String detail) {
        super(409, "account-exists", "Account exists", detail);
        this.field = field;
    }

    public static AccountExistsException username() {
        return new AccountExistsException("username", "This username is already taken");
    }

    public static AccountExistsException email() {
        return new AccountExistsException("email", "An account with this email address already exists");
    }

    @Override
    public List<Problem.FieldError> errors() {
        return List.of(new Problem.FieldError(field, getMessage()));
    }
}
