package dev.scaledeck.engine.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A backup archive opened for reading: its manifest and its parts. Damage is reported as a
 * {@link BackupException} or a problem line that names the entry, never as a raw zip error.
 * Not thread-safe; close it when done.
 */
public final class BackupArchive implements AutoCloseable {

    private final Path path;
    private final ZipFile zip;
    private final BackupManifest manifest;

    private BackupArchive(Path path, ZipFile zip, BackupManifest manifest) {
        this.path = path;
        this.zip = zip;
        this.manifest = manifest;
    }

    /**
     * Opens an archive and reads its manifest.
     *
     * @throws BackupException when the file is missing, not a zip archive, has no manifest or
     *                         a manifest that cannot be read
     */
    public static BackupArchive open(Path path) {
        ZipFile zip;
        try {
            zip = new ZipFile(path.toFile());
        } catch (ZipException e) {
            throw new BackupException("Backup " + path + " is damaged: not a readable archive (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new BackupException("Cannot read backup " + path + ": " + IoErrors.reason(e), e);
        }
        try {
            return new BackupArchive(path, zip, readManifest(path, zip));
        } catch (RuntimeException e) {
            closeQuietly(zip);
            throw e;
        }
    }

    private static BackupManifest readManifest(Path path, ZipFile zip) {
        ZipEntry entry = zip.getEntry(ArchiveWriter.MANIFEST);
        if (entry == null) {
            throw new BackupException("Backup " + path + " has no " + ArchiveWriter.MANIFEST
                    + " (it is not a ScaleDeck backup, or it is damaged)");
        }
        BackupManifest manifest;
        try (InputStream in = zip.getInputStream(entry)) {
            manifest = BackupJson.read(in, BackupManifest.class);
        } catch (IOException e) {
            // Jackson reports bad JSON and a manifest the record rejects as IOExceptions too.
            throw new BackupException("Backup " + path + " is damaged: " + ArchiveWriter.MANIFEST + " cannot be read ("
                    + firstLine(e.getMessage()) + ")", e);
        }
        if (manifest.formatVersion() > BackupManifest.FORMAT_VERSION) {
            throw new BackupException("Backup " + path + " has format version " + manifest.formatVersion()
                    + "; this ScaleDeck reads up to version " + BackupManifest.FORMAT_VERSION);
        }
        return manifest;
    }

    public BackupManifest manifest() {
        return manifest;
    }

    public Path path() {
        return path;
    }

    /** The uncompressed rows of a part, as PostgreSQL text COPY. */
    public InputStream open(TablePart part) throws IOException {
        ZipEntry entry = zip.getEntry(part.entry());
        if (entry == null) {
            throw new IOException("entry " + part.entry() + " is missing from the archive");
        }
        return zip.getInputStream(entry);
    }

    /**
     * Reads a part through and compares its size and SHA-256 with the manifest.
     *
     * @return the problem, naming the part and its table, or empty when the part is intact
     */
    public Optional<String> damage(TablePart part) {
        PartDigest digest = PartDigest.discarding();
        try (InputStream in = open(part)) {
            in.transferTo(digest);
        } catch (IOException e) {
            // A flipped compressed byte usually surfaces here, as an inflater or CRC error.
            return Optional.of(describe(part, "cannot be read (" + firstLine(e.getMessage()) + ")"));
        }
        String sha = digest.sha256Hex();
        if (!sha.equals(part.sha256())) {
            return Optional.of(describe(part, "SHA-256 is " + sha + " but the manifest says " + part.sha256()
                    + " (" + digest.bytes() + " bytes read, " + part.bytes() + " expected)"));
        }
        return Optional.empty();
    }

    private static String describe(TablePart part, String what) {
        return "part " + part.entry() + " (table " + part.tableName() + ") is damaged: " + what;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @Override
    public void close() {
        closeQuietly(zip);
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException e) {
            // nothing was written; nothing to lose
        }
    }
}
