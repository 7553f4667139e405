package dev.scaledeck.engine.backup.pitr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Turns a copied base backup into a cluster that, once started, replays archived WAL up to a
 * target time and then promotes itself: {@code recovery.signal} plus recovery settings
 * appended to {@code postgresql.auto.conf} (a plain file while no server runs; the last line
 * for a setting wins). Stateless; thread-safe.
 */
final class RecoverySettings {

    static final String AUTO_CONF = "postgresql.auto.conf";
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    private static final DateTimeFormatter TARGET_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx", Locale.ROOT).withZone(ZoneOffset.UTC);

    private RecoverySettings() {
    }

    static void write(Path dataDirectory, Path walArchive, Instant target) throws IOException {
        Files.deleteIfExists(dataDirectory.resolve("postmaster.pid"));
        PrivateFiles.write(dataDirectory.resolve("recovery.signal"), "");
        String settings = "\n"
                + "# Added by ScaleDeck point-in-time recovery: replay archived WAL up to the target, then promote."
                + "\n"
                + "# Archiving is off so this copy never writes into the live cluster's WAL archive; turn it back"
                + "\n"
                + "# on (archive_mode, archive_command) before using this cluster as the replacement database."
                + "\n"
                + line("restore_command", restoreCommand(walArchive))
                + line("recovery_target_time", targetTime(target))
                + line("recovery_target_action", "promote")
                + line("archive_mode", "off")
                + line("archive_command", "");
        Files.writeString(dataDirectory.resolve(AUTO_CONF), settings, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The target as PostgreSQL reads it: ISO-8601 with a UTC offset, to the microsecond. */
    static String targetTime(Instant target) {
        return TARGET_TIME.format(target.truncatedTo(ChronoUnit.MICROS));
    }

    /**
     * The shell command that fetches one archived file ({@code %f}) to where the server wants
     * it ({@code %p}); it fails for a file the archive does not have, which the server expects.
     * Quoted as the embedded server's archive_command is.
     */
    static String restoreCommand(Path archive) {
        String dir = archive.toAbsolutePath().toString().replace("%", "%%");
        if (WINDOWS) {
            return "copy \"" + dir + "\\%f\" \"%p\"";
        }
        return "cp '" + dir.replace("'", "'\\''") + "'/%f %p";
    }

    /** One {@code name = 'value'} line, quoted as ALTER SYSTEM writes it (quotes and backslashes doubled). */
    private static String line(String name, String value) {
        return name + " = '" + value.replace("\\", "\\\\").replace("'", "''") + "'" + "\n";
    }
}
