package ai.fastdjl.datasets.rdata;

import java.io.IOException;

/**
 * An R data file that cannot be read: corrupt, in a format this reader does not handle, or holding an object that is
 * not data (a function, byte code, an S4 object). The message names the file, the object and what to do.
 */
public class RDataException extends IOException {
    private static final long serialVersionUID = 1L;

    public RDataException(String message) {
        super(message);
    }

    public RDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
