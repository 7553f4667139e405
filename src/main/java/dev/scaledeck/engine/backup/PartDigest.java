package dev.scaledeck.engine.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Files;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An output stream that measures what passes through it on the way to {@code next}: bytes,
 * SHA-256 and the {@link ContentChecksum}. The COPY stream of one table goes through one of
 * these, so nothing is held in memory. Closing it does not close {@code next}. Not thread-safe.
 */
final class PartDigest extends OutputStream {

    private final OutputStream next;
    private final MessageDigest sha256 = sha256();
    private final ContentChecksum checksum = new ContentChecksum();
    private long bytes;

    PartDigest(OutputStream next) {
        this.next = next;
    }

    /** A digest that only measures. */
    static PartDigest discarding() {
        return new PartDigest(OutputStream.nullOutputStream());
    }

    /** The whole file's SHA-256, hex. */
    static String sha256(Path file) throws IOException {
        MessageDigest sha256 = sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha256.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        next.write(b, off, len);
        sha256.update(b, off, len);
        checksum.update(b, off, len);
        bytes += len;
    }

    @Override
    public void flush() throws IOException {
        next.flush();
    }

    long bytes() {
        return bytes;
    }

    long rows() {
        return checksum.rows();
    }

    String contentChecksum() {
        return checksum.value();
    }

    /** The SHA-256 of everything written; call once, at the end. */
    String sha256Hex() {
        return HexFormat.of().formatHex(sha256.digest());
    }
}
