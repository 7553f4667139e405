package dev.scaledeck.engine.backup;

import java.io.IOException;
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
