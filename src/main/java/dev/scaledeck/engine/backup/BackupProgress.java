package dev.scaledeck.engine.backup;

/** Told what a long backup operation is doing; called on the thread doing the work. */
@FunctionalInterface
public interface BackupProgress {

    BackupProgress NONE = (step, fraction) -> { };

    /**
     * @param step     what is being done now, e.g. "Copying workflows (3 of 4)"
     * @param fraction how much is done, 0..1
     */
    void update(String step, double fraction);

    /** This listener, told of a stage that covers {@code from..to} of the whole operation. */
    default BackupProgress between(double from, double to) {
        return (step, fraction) -> update(step, from + fraction * (to - from));
    }

    /** Reports work on the {@code index}-th (from 0) of {@code count} tables: "Copying users (1 of 4)". */
    default void table(String verb, TableName table, int index, int count) {
        update(verb + " " + table + " (" + (index + 1) + " of " + count + ")", (double) index / (count + 1));
    }
}
