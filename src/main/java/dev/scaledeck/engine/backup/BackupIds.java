package dev.scaledeck.engine.backup;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/** Backup ids: {@code user-42-20261126T100000Z} and {@code full-20261126T100000Z}. Stateless. */
final class BackupIds {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** Also keeps ids from naming anything outside the repository directory. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private BackupIds() {
    }

    static String base(BackupScope scope, Long userId, Instant createdAt) {
        String stamp = STAMP.format(createdAt);
        return scope == BackupScope.USER ? "user-" + userId + "-" + stamp : "full-" + stamp;
    }

    /** The n-th candidate for a base id: the base itself, then {@code base-2}, {@code base-3}, ... */
    static String candidate(String base, int n) {
        return n == 1 ? base : base + "-" + n;
    }

    static boolean valid(String id) {
        return id != null && VALID.matcher(id).matches();
    }
}
