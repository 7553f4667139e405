package dev.scaledeck.engine.backup;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a scheduled backup takes: the full database ({@code full}), one user's rows
 * ({@code user:42}) or a base backup of the cluster for point-in-time recovery ({@code base}).
 * Its {@link #key()} is also the scope retention and the RPO watch group backups by. Immutable.
 */
public record BackupScheduleTarget(Kind kind, OptionalLong userId) {

    public enum Kind { FULL, USER, BASE }

    public static final BackupScheduleTarget FULL = new BackupScheduleTarget(Kind.FULL, OptionalLong.empty());
    public static final BackupScheduleTarget BASE = new BackupScheduleTarget(Kind.BASE, OptionalLong.empty());

    public BackupScheduleTarget {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(userId, "userId");
        if ((kind == Kind.USER) != userId.isPresent()) {
            throw new IllegalArgumentException("a user target needs a user id, and only a user target has one");
        }
    }

    public static BackupScheduleTarget user(long id) {
        return new BackupScheduleTarget(Kind.USER, OptionalLong.of(id));
    }

    /** {@code full}, {@code base} or {@code user:ID}. */
    public String key() {
        return kind == Kind.USER ? "user:" + userId.getAsLong() : kind.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads {@link #key()}'s form back.
     *
     * @throws IllegalArgumentException saying what is allowed
     */
    public static BackupScheduleTarget parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("full")) {
            return FULL;
        }
        if (t.equals("base")) {
            return BASE;
        }
        if (t.startsWith("user:")) {
            try {
                long id = Long.parseLong(t.substring(5).trim());
                if (id > 0) {
                    return user(id);
                }
            } catch (NumberFormatException e) {
                // falls through to the message below
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a backup scope: use full, base or user:ID (ID a positive number)");
    }

    @Override
    public String toString() {
        return key();
    }
}
