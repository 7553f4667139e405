package dev.scaledeck.engine.backup;

import dev.scaledeck.engine.util.IoErrors;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
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
        return zip.getInputStream(entry(part.entry()));
    }

    private ZipEntry entry(String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new IOException("entry " + name + " is missing from the archive");
        }
        return entry;
    }

    /**
     * Reads a part through and compares its SHA-256 with the manifest and its CRC-32 with the
     * archive's directory.
     *
     * @return the problem, naming the part and its table, or empty when the part is intact
     */
    public Optional<String> damage(TablePart part) {
        PartDigest digest = PartDigest.discarding();
        CRC32 crc;
        try {
            crc = readThrough(entry(part.entry()), digest);
        } catch (IOException e) {
            // A flipped compressed byte usually surfaces here, as an inflater error.
            return Optional.of(describe(part, "cannot be read (" + firstLine(e.getMessage()) + ")"));
        }
        String sha = digest.sha256Hex();
        if (!sha.equals(part.sha256())) {
            return Optional.of(describe(part, "SHA-256 is " + sha + " but the manifest says " + part.sha256()
                    + " (" + digest.bytes() + " bytes read, " + part.bytes() + " expected)"));
        }
        return crcProblem(zip.getEntry(part.entry()), crc).map(problem -> describe(part, problem));
    }

    /**
     * Checks the manifest entry's CRC-32: a flipped byte that leaves the JSON readable (a digit
     * of a timestamp, say) is caught only here.
     *
     * @return the problem, or empty when the manifest is intact
     */
    public Optional<String> manifestDamage() {
        try {
            ZipEntry entry = entry(ArchiveWriter.MANIFEST);
            return crcProblem(entry, readThrough(entry, OutputStream.nullOutputStream()))
                    .map(problem -> ArchiveWriter.MANIFEST + " is damaged: " + problem);
        } catch (IOException e) {
            return Optional.of(ArchiveWriter.MANIFEST + " is damaged: cannot be read (" + firstLine(e.getMessage()) + ")");
        }
    }

    private CRC32 readThrough(ZipEntry entry, OutputStream sink) throws IOException {
        CRC32 crc = new CRC32();
        try (InputStream in = new CheckedInputStream(zip.getInputStream(entry), crc)) {
            in.transferTo(sink);
        }
        return crc;
    }

    private static Optional<String> crcProblem(ZipEntry entry, CRC32 computed) {
        if (entry.getCrc() != -1 && entry.getCrc() != computed.getValue()) {
            return Optional.of(String.format("CRC-32 is %08x but the archive directory says %08x",
                    computed.getValue(), entry.getCrc()));
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
