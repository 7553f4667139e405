package dev.scaledeck.engine.backup;

import dev.scaledeck.engine.util.IoErrors;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Streams one backup archive into {@code <id>.sdbk.partial}: table parts one after another,
 * then {@code manifest.json}, then forces the file to disk and renames it to
 * {@code <id>.sdbk}, with the file's SHA-256 in {@code <id>.sha256}. Closing a writer that was not {@linkplain #commit committed} deletes the
 * partial file, so a failed backup leaves nothing behind. Not thread-safe.
 */
final class ArchiveWriter implements AutoCloseable {

    static final String MANIFEST = "manifest.json";
    private static final int BUFFER = 1 << 16;

    private final String id;
    private final Path partial;
    private final Path target;
    private final Path checksum;
    private final FileChannel channel;
    private final MessageDigest fileSha256 = PartDigest.sha256();
    private final ZipOutputStream zip;
    private boolean committed;
    private boolean closed;

    /** Writes the rows of one part. */
    @FunctionalInterface
    interface PartBody {
        void writeTo(OutputStream out) throws IOException, SQLException;
    }

    /**
     * @param checksum where the SHA-256 of the whole file goes, {@code sha256sum} style
     */
    ArchiveWriter(String id, Path partial, Path target, Path checksum, FileChannel channel, int compressionLevel) {
        this.id = id;
        this.partial = partial;
        this.target = target;
        this.checksum = checksum;
        this.channel = channel;
        // Hashing the bytes on their way to the file costs no second read.
        this.zip = new ZipOutputStream(new BufferedOutputStream(
                new DigestOutputStream(Channels.newOutputStream(channel), fileSha256), BUFFER));
        zip.setMethod(ZipOutputStream.DEFLATED);
        // Level 0 still deflates, in stored blocks: the entry can be streamed without knowing
        // its size and CRC up front, which a STORED entry would need.
        zip.setLevel(compressionLevel == 0 ? Deflater.NO_COMPRESSION : compressionLevel);
    }

    /** The id the backup gets: the requested one, or with a suffix when that was taken. */
    String id() {
        return id;
    }

    /** Where the finished backup will be. */
    Path target() {
        return target;
    }

    /**
     * Writes one entry and returns what passed through: size, SHA-256 and content checksum of
     * the uncompressed bytes.
     */
    PartDigest writePart(String entry, PartBody body) throws IOException, SQLException {
        zip.putNextEntry(new ZipEntry(entry));
        // The driver hands over one row per write; the deflater works better on larger blocks.
        // The buffer is flushed, never closed: closing it would close the zip stream.
        BufferedOutputStream rows = new BufferedOutputStream(zip, BUFFER);
        PartDigest digest = new PartDigest(rows);
        body.writeTo(digest);
        rows.flush();
        zip.closeEntry();
        return digest;
    }

    /**
     * Writes the manifest last, so an archive with a manifest has every part; then the
     * checksum file, and only then renames the archive, so a visible archive always has its
     * checksum.
     */
    void commit(BackupManifest manifest) throws IOException {
        zip.putNextEntry(new ZipEntry(MANIFEST));
        BackupJson.write(manifest, zip);
        zip.closeEntry();
        zip.finish();
        zip.flush();
        channel.force(true);
        closed = true;
        zip.close();
        String line = HexFormat.of().formatHex(fileSha256.digest()) + "  " + target.getFileName() + "\n";
        PrivateFiles.write(checksum, out -> out.write(line.getBytes(StandardCharsets.UTF_8)));
        PrivateFiles.publish(partial, target);
        committed = true;
    }

    /** A one-line error for a write that failed: "Cannot write backup to /x/y.sdbk: no space left on device". */
    BackupException failure(IOException e) {
        return new BackupException("Cannot write backup to " + target + ": " + IoErrors.reason(e), e);
    }

    /** Abandons an archive that was not committed: closes it and deletes the partial file. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                zip.close();
            } catch (IOException e) {
                // the archive is being thrown away; only the deletion below matters
            }
        }
        try {
            // zip.close() may have failed before it reached the file (a full disk, say)
            channel.close();
        } catch (IOException e) {
            // as above
        }
        if (!committed) {
            PrivateFiles.deleteQuietly(partial);
            PrivateFiles.deleteQuietly(checksum);
        }
    }
}
