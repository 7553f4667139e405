package dev.scaledeck.engine.backup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * SHA-256 over the sorted lines {@code schema.table.column type} of the backed-up tables:
 * two backups with the same fingerprint have tables of the same shape. Stateless.
 */
final class SchemaFingerprint {

    private SchemaFingerprint() {
    }

    static String of(List<TablePart> parts) {
        List<String> lines = new ArrayList<>();
        for (TablePart part : parts) {
            for (ColumnDef column : part.columns()) {
                lines.add(part.tableName().qualified() + "." + column.name() + " " + column.type());
            }
        }
        Collections.sort(lines);
        MessageDigest sha256 = PartDigest.sha256();
        for (String line : lines) {
            sha256.update((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
