package dev.scaledeck.engine.backup;

import java.util.List;
import java.util.Objects;

/**
 * One table's data in a backup archive. Immutable.
 *
 * @param schema          the table's schema
 * @param table           the table's name
 * @param columns         the columns in COPY order (generated columns are left out: PostgreSQL computes them)
 * @param rows            rows in the part
 * @param entry           the archive entry holding the rows as PostgreSQL text COPY, e.g. {@code data/public.users.copy}
 * @param sha256          SHA-256 of the uncompressed entry, lower-case hex
 * @param bytes           uncompressed size of the entry
 * @param contentChecksum order-independent checksum of the rows ({@link ContentChecksum}), so a copy
 *                        restored elsewhere can be compared without sorting
 */
public record TablePart(String schema, String table, List<ColumnDef> columns, long rows, String entry,
                        String sha256, long bytes, String contentChecksum) {

    public TablePart {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(contentChecksum, "contentChecksum");
    }

    public TableName tableName() {
        return new TableName(schema, table);
    }

    /** The archive entry for a table: {@code data/<schema>.<table>.copy}. */
    public static String entryFor(TableName table) {
        return "data/" + table.qualified() + ".copy";
    }

    List<String> columnNames() {
        return columns.stream().map(ColumnDef::name).toList();
    }
}
