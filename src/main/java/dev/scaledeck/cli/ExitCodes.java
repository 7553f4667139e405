package dev.scaledeck.cli;

/** Exit codes of every command. */
public final class ExitCodes {

    /** Done; for checks: everything fine. */
    public static final int OK = 0;
    /** The command ran and found a problem (database unreachable, a check failed). */
    public static final int PROBLEM = 1;
    /** Usage or configuration error: nothing was done. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
