package dev.scaledeck.engine.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Damages backup archives the ways disks and people do, for the tests. */
final class ArchiveSurgery {

    private static final int LOCAL_HEADER_SIZE = 30;

    private ArchiveSurgery() {
    }

    /** Flips every bit of the byte {@code offset} bytes into the stored (compressed) data of an entry. */
    static void flipByteInEntry(Path archive, String entry, int offset) throws IOException {
        byte[] bytes = Files.readAllBytes(archive);
        int header = localHeader(bytes, entry);
        int nameLength = (bytes[header + 26] & 0xff) | (bytes[header + 27] & 0xff) << 8;
        int extraLength = (bytes[header + 28] & 0xff) | (bytes[header + 29] & 0xff) << 8;
        bytes[header + LOCAL_HEADER_SIZE + nameLength + extraLength + offset] ^= (byte) 0xff;
        Files.write(archive, bytes);
    }

    /** Flips every bit of a byte of an entry's local header, e.g. 10 for its modification time. */
    static void flipByteInLocalHeader(Path archive, String entry, int offset) throws IOException {
        byte[] bytes = Files.readAllBytes(archive);
        bytes[localHeader(bytes, entry) + offset] ^= (byte) 0xff;
        Files.write(archive, bytes);
    }

    /** XORs the byte right after the first occurrence of {@code text} with {@code bits}. */
    static void changeByteAfter(Path archive, String text, int bits) throws IOException {
        byte[] bytes = Files.readAllBytes(archive);
        byte[] marker = text.getBytes(StandardCharsets.UTF_8);
        bytes[indexOf(bytes, marker) + marker.length] ^= (byte) bits;
        Files.write(archive, bytes);
    }

    private static int localHeader(byte[] bytes, String entry) {
        return indexOf(bytes, entry.getBytes(StandardCharsets.UTF_8)) - LOCAL_HEADER_SIZE;
    }

    /** The first place the local header of the entry names it: entries come before the central directory. */
    private static int indexOf(byte[] haystack, byte[] needle) {
        int at = Collections.indexOfSubList(toList(haystack), toList(needle));
        if (at < 0) {
            throw new IllegalArgumentException("not found in the archive");
        }
        return at;
    }

    private static List<Byte> toList(byte[] bytes) {
        List<Byte> list = new ArrayList<>(bytes.length);
        for (byte b : bytes) {
            list.add(b);
        }
        return list;
    }

    /**
     * Rewrites one part's text and puts its new SHA-256 and size into the manifest, leaving
     * the content checksum as it was: a change the archive check cannot see, only a restore.
     */
    static void rewritePart(Path archive, String entry, UnaryOperator<String> change) throws IOException {
        Path rewritten = archive.resolveSibling(archive.getFileName() + ".rewritten");
        try (ZipFile in = new ZipFile(archive.toFile());
             OutputStream file = Files.newOutputStream(rewritten);
             ZipOutputStream out = new ZipOutputStream(file)) {
            BackupManifest manifest;
            try (InputStream m = in.getInputStream(in.getEntry("manifest.json"))) {
                manifest = BackupJson.read(m, BackupManifest.class);
            }
            List<TablePart> parts = new ArrayList<>();
            for (TablePart part : manifest.tables()) {
                byte[] data;
                try (InputStream p = in.getInputStream(in.getEntry(part.entry()))) {
                    data = p.readAllBytes();
                }
                if (part.entry().equals(entry)) {
                    data = change.apply(new String(data, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                    part = new TablePart(part.schema(), part.table(), part.columns(), part.rows(), part.entry(),
                            HexFormat.of().formatHex(PartDigest.sha256().digest(data)), data.length,
                            part.contentChecksum());
                }
                parts.add(part);
                out.putNextEntry(new ZipEntry(part.entry()));
                out.write(data);
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry("manifest.json"));
            BackupJson.write(new BackupManifest(manifest.formatVersion(), manifest.id(), manifest.scope(),
                    manifest.userId(), manifest.createdAt(), manifest.source(), manifest.serverVersion(),
                    manifest.walPosition(), manifest.schemaFingerprint(), parts), out);
            out.closeEntry();
        }
        Files.move(rewritten, archive, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
