package ai.fastdjl.datasets;

import ai.fastdjl.cli.UserInputException;

/** A data set is missing or unreadable; the message says where it looked and the command that fetches it. */
public class DataNotFoundException extends UserInputException {
    private static final long serialVersionUID = 1L;

    public DataNotFoundException(String message) {
        super(message);
    }

    public DataNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
