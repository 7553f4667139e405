package dev.scaledeck.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Locale;

/**
 * The directory PostgreSQL copies finished WAL segments into, and the {@code archive_command}
 * that does it. Stateless; thread-safe.
 *
 * <p>PostgreSQL itself writes this directory. When we run as root, zonky starts the server in
 * a new user namespace ({@code unshare -U}) without a uid mapping: inside it the server is
 * "nobody" and has no capabilities on the host's files, but the files it creates are still
 * owned by the host's root. So the server can write exactly where the owner of its data
 * directory can write with owner permissions, and the archive gets that owner and mode 0700,
 * like the data directory itself.
 */
final class WalArchive {

    private static final Logger LOG = LoggerFactory.getLogger(WalArchive.class);
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private WalArchive() {
    }

    /** Creates {@code archive} if missing, owned like {@code dataDirectory}, readable by that owner only. */
    static void prepare(Path archive, Path dataDirectory) throws IOException {
        Files.createDirectories(archive);
        PosixFileAttributeView view = Files.getFileAttributeView(archive, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        UserPrincipal serverOwner = Files.getOwner(dataDirectory);
        if (!serverOwner.equals(view.getOwner())) {
            try {
                view.setOwner(serverOwner);
            } catch (IOException e) {
                // Without chown rights the server's user must still get in: write and search for
                // everyone, but no listing.
                view.setPermissions(PosixFilePermissions.fromString("rwx-wx-wx"));
                LOG.warn("Cannot give WAL archive {} to {} ({}); made it writable by all users instead",
                        archive, serverOwner.getName(), e.toString());
                return;
            }
        }
        view.setPermissions(PosixFilePermissions.fromString("rwx------"));
    }

    /**
     * The shell command PostgreSQL runs for each finished segment: copy it into
     * {@code archive} unless a file of that name is there already (never overwrite an
     * archived segment, as the PostgreSQL manual advises).
     */
    static String archiveCommand(Path archive) {
        String dir = archive.toAbsolutePath().toString().replace("%", "%%");
        if (WINDOWS) {
            return "if not exist \"" + dir + "\\%f\" copy \"%p\" \"" + dir + "\\%f\"";
        }
        String quoted = "'" + dir.replace("'", "'\\''") + "'";
        return "test ! -f " + quoted + "/%f && cp %p " + quoted + "/%f";
    }
}
