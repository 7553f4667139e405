package dev.scaledeck.engine.backup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackupManifestTest {

    private static final TablePart PART = new TablePart("public", "users",
            List.of(new ColumnDef("id", "bigint"), new ColumnDef("name", "character varying(80)")), 2,
            "data/public.users.copy", "ab".repeat(32), 20, "2:00000000000000ff");

    @TempDir
    Path temp;

    @Test
    void shouldRoundTripThroughJsonWithInstantsAsText() throws IOException {
        BackupManifest manifest = new BackupManifest(1, "user-42-20261126T100000Z", BackupScope.USER, 42L,
                Instant.parse("2026-11-26T10:00:00.123Z"), "jdbc:postgresql://db/app (user app, password ****)",
                "17.6", "0/1A2B3C4", "f".repeat(64), List.of(PART));

        String json = BackupJson.text(manifest);

        assertThat(json).contains("\"createdAt\" : \"2026-11-26T10:00:00.123Z\"").doesNotContain("secret");
        assertThat(BackupJson.parse(json, BackupManifest.class)).isEqualTo(manifest);
    }

    @Test
    void shouldKeepANullWalPositionAndUserIdOfAFullBackup() throws IOException {
        BackupManifest manifest = new BackupManifest(1, "full-20261126T100000Z", BackupScope.FULL, null,
                Instant.parse("2026-11-26T10:00:00Z"), "src", "17.6", null, "0".repeat(64), List.of());

        assertThat(BackupJson.parse(BackupJson.text(manifest), BackupManifest.class)).isEqualTo(manifest);
        assertThatThrownBy(() -> new BackupManifest(1, "x", BackupScope.USER, null, Instant.EPOCH, "src", "17", null,
                "0", List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("userId must be set for a USER backup and only then, but was null for USER");
    }

    @Test
    void shouldGiveTheSameContentChecksumWhateverTheRowOrder() {
        assertThat(checksum("1\tAda\n2\tGrace\n3\t\\N\n")).isEqualTo(checksum("3\t\\N\n1\tAda\n2\tGrace\n"))
                .startsWith("3:");
        assertThat(checksum("1\tAda\n2\tGrace\n")).isNotEqualTo(checksum("1\tAda\n2\tGrach\n"))
                .isNotEqualTo(checksum("1\tAda\n"));
        // Swapping values between rows keeps every byte but must still change the checksum.
        assertThat(checksum("1\tAda\n2\tGrace\n")).isNotEqualTo(checksum("1\tGrace\n2\tAda\n"));
    }

    @Test
    void shouldMeasureWhatPassesThrough() throws Exception {
        PartDigest digest = PartDigest.discarding();
        byte[] data = "1\tAda\n2\tGrace\n".getBytes(StandardCharsets.UTF_8);
        digest.write(data, 0, 6);
        digest.write(data, 6, data.length - 6);

        assertThat(digest.rows()).isEqualTo(2);
        assertThat(digest.bytes()).isEqualTo(data.length);
        assertThat(digest.sha256Hex())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
    }

    @Test
    void shouldRefuseAnArchiveOfANewerFormat() throws IOException {
        Path file = temp.resolve("full-20300101T000000Z.sdbk");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("manifest.json"));
            BackupJson.write(new BackupManifest(2, "full-20300101T000000Z", BackupScope.FULL, null, Instant.EPOCH,
                    "src", "18", null, "0", List.of()), zip);
            zip.closeEntry();
        }

        assertThatThrownBy(() -> BackupArchive.open(file))
                .isInstanceOf(BackupException.class)
                .hasMessage("Backup " + file + " has format version 2; this ScaleDeck reads up to version 1");
    }

    private static String checksum(String copyText) {
        ContentChecksum checksum = new ContentChecksum();
        byte[] bytes = copyText.getBytes(StandardCharsets.UTF_8);
        checksum.update(bytes, 0, bytes.length);
        return checksum.value();
    }
}
