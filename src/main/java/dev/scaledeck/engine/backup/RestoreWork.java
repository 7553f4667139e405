package dev.scaledeck.engine.backup;

import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A backup set against one target database, inside the caller's transaction: checks that
 * the target has every table with the backup's columns, loads parts into temporary tables to
 * compare them with the live rows, and applies them. Every statement runs in the caller's
 * transaction, so nothing here is final before the caller commits. Not thread-safe.
 */
final class RestoreWork {

    private static final String SERIAL_COLUMNS = "SELECT a.attname, pg_get_serial_sequence(?, a.attname) "
            + "FROM pg_attribute a WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped "
            + "AND pg_get_serial_sequence(?, a.attname) IS NOT NULL";

    /** A part with the target table it goes into and which of the target's rows it stands for. */
    private record Step(TablePart part, CatalogTable table, String filter, String stage) {

        List<String> columns() {
            return part.columnNames();
        }

        String keysEqual(String left, String right) {
            return Sql.keysEqual(table.primaryKey(), left, right);
        }
    }

    private final Connection c;
    private final BackupArchive archive;
    private final List<Step> steps;

    private RestoreWork(Connection c, BackupArchive archive, List<Step> steps) {
        this.c = c;
        this.archive = archive;
        this.steps = steps;
    }

    /**
     * @param target the target's masked URL, for messages
     * @throws BackupException naming the table or column when the target cannot take the backup
     */
    static RestoreWork prepare(Connection c, BackupArchive archive, OwnershipRules rules, String target)
            throws SQLException {
        BackupManifest manifest = archive.manifest();
        Catalog catalog = Catalog.read(c);
        Ownership ownership = manifest.scope() == BackupScope.USER ? Ownership.discover(catalog, rules) : null;
        List<Step> steps = new ArrayList<>();
        for (TablePart part : manifest.tables()) {
            CatalogTable table = catalog.table(part.tableName()).orElseThrow(() -> new BackupException("Table "
                    + part.tableName() + " of backup " + manifest.id() + " does not exist in " + target));
            requireColumns(part, table, target);
            String filter = "TRUE";
            if (ownership != null) {
                filter = ownership.filter(table.name(), manifest.userId()).orElseThrow(() -> new BackupException(
                        "Table " + table.name() + " of backup " + manifest.id() + " does not belong to users of "
                                + ownership.userTable() + " in " + target));
            }
            steps.add(new Step(part, table, filter, "sdbk_stage_" + (steps.size() + 1)));
        }
        return new RestoreWork(c, archive, steps);
    }

    private static void requireColumns(TablePart part, CatalogTable table, String target) {
        for (ColumnDef column : part.columns()) {
            ColumnDef live = table.column(column.name()).orElseThrow(() -> new BackupException("Column "
                    + column.name() + " of table " + table.name() + " does not exist in " + target));
            if (!live.type().equals(column.type())) {
                throw new BackupException("Column " + column.name() + " of table " + table.name() + " is "
                        + column.type() + " in the backup but " + live.type() + " in " + target);
            }
        }
    }

    /**
     * Loads every part into a temporary table (dropped at the end of the transaction) and
     * compares it with the target's rows. Changes no table of the target.
     */
    List<TableDiff> stageAndCompare(BackupProgress progress) throws SQLException, IOException {
        CopyManager copy = BackupConnections.copy(c);
        List<TableDiff> diffs = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            progress.table("Comparing", step.table().name(), i, steps.size());
            // Only the backup's columns, no constraints and no defaults: a default could call
            // nextval(), which no rollback undoes, and a preview must change nothing.
            BackupConnections.execute(c, "CREATE TEMP TABLE " + step.stage() + " ON COMMIT DROP AS SELECT "
                    + Sql.columns(step.columns(), null) + " FROM " + step.table().from() + " WITH NO DATA");
            copyIn(copy, step, step.stage());
            BackupConnections.execute(c, "ANALYZE " + step.stage());
            diffs.add(step.table().primaryKey().isEmpty() ? compareRows(step) : compareByKey(step));
        }
        return diffs;
    }

    private TableDiff compareByKey(Step step) throws SQLException {
        String live = step.table().from();
        String changed = Sql.rowText(step.columns(), "x") + " IS DISTINCT FROM " + Sql.rowText(step.columns(), "s");
        String sql = "SELECT (SELECT count(*) FROM " + step.stage() + "), "
                + "(SELECT count(*) FROM " + live + " l WHERE " + step.filter() + "), "
                + "(SELECT count(*) FROM " + live + " l WHERE " + step.filter() + " AND NOT EXISTS (SELECT 1 FROM "
                + step.stage() + " s WHERE " + step.keysEqual("s", "l") + ")), "
                + "(SELECT count(*) FROM " + step.stage() + " s WHERE NOT EXISTS (SELECT 1 FROM " + live + " x WHERE "
                + step.keysEqual("x", "s") + ")), "
                + "(SELECT count(*) FROM " + step.stage() + " s JOIN " + live + " x ON " + step.keysEqual("x", "s")
                + " WHERE " + changed + ")";
        long[] n = longs(sql);
        long unchanged = n[0] - n[3] - n[4];
        return new TableDiff(step.table().name().toString(), n[0], n[1], n[3], n[2], n[4], unchanged);
    }

    /** Without a key, rows are equal only as a whole, and a changed row is one deleted plus one inserted. */
    private TableDiff compareRows(Step step) throws SQLException {
        String rowText = Sql.rowText(step.columns(), null);
        String sql = "SELECT (SELECT count(*) FROM " + step.stage() + "), "
                + "(SELECT count(*) FROM " + step.table().from() + " WHERE " + step.filter() + "), "
                + "(SELECT count(*) FROM (SELECT " + rowText + " FROM " + step.stage() + " INTERSECT ALL SELECT "
                + rowText + " FROM " + step.table().from() + " WHERE " + step.filter() + ") same)";
        long[] n = longs(sql);
        return new TableDiff(step.table().name().toString(), n[0], n[1], n[0] - n[2], n[1] - n[2], 0, n[2]);
    }

    /**
     * Makes the target's rows (the user's rows, for a user backup) equal to the staged ones,
     * touching only what differs: rows to delete children first, then changes and inserts
     * parents first. Rows that stay are updated in place, so no ON DELETE action reaches
     * rows outside the backup.
     */
    List<RestoredTable> merge(List<TableDiff> diffs) throws SQLException {
        for (int i = steps.size() - 1; i >= 0; i--) {
            Step step = steps.get(i);
            if (step.table().primaryKey().isEmpty()) {
                BackupConnections.execute(c, "DELETE FROM " + step.table().from() + " WHERE " + step.filter());
            } else {
                BackupConnections.execute(c, "DELETE FROM " + step.table().from() + " l WHERE " + step.filter()
                        + " AND NOT EXISTS (SELECT 1 FROM " + step.stage() + " s WHERE " + step.keysEqual("s", "l") + ")");
            }
        }
        List<RestoredTable> restored = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            String columns = Sql.columns(step.columns(), null);
            String insert = "INSERT INTO " + step.table().name().sql() + Sql.columnList(step.columns())
                    + " OVERRIDING SYSTEM VALUE SELECT " + columns + " FROM " + step.stage() + " s";
            if (step.table().primaryKey().isEmpty()) {
                BackupConnections.execute(c, insert);
            } else {
                update(step);
                BackupConnections.execute(c, insert + " WHERE NOT EXISTS (SELECT 1 FROM " + step.table().from()
                        + " x WHERE " + step.keysEqual("x", "s") + ")");
            }
            TableDiff d = diffs.get(i);
            restored.add(new RestoredTable(d.table(), d.rowsNow(), d.rowsInBackup(), d.toInsert(), d.toChange(),
                    d.toDelete()));
        }
        advanceSequences();
        return restored;
    }

    private void update(Step step) throws SQLException {
        List<String> values = step.columns().stream().filter(col -> !step.table().primaryKey().contains(col)).toList();
        if (values.isEmpty()) {
            return;
        }
        String set = values.stream().map(col -> Sql.quote(col) + " = s." + Sql.quote(col))
                .collect(Collectors.joining(", "));
        BackupConnections.execute(c, "UPDATE " + step.table().from() + " x SET " + set + " FROM " + step.stage()
                + " s WHERE " + step.keysEqual("x", "s") + " AND " + Sql.rowText(step.columns(), "x")
                + " IS DISTINCT FROM " + Sql.rowText(step.columns(), "s"));
    }

    /**
     * Empties the backup's tables in one statement (without CASCADE: a table outside the
     * backup that references one of them makes it fail, rather than lose its rows) and
     * copies the parts back, parents first.
     */
    List<RestoredTable> replace(BackupProgress progress) throws SQLException, IOException {
        Map<Step, Long> before = new LinkedHashMap<>();
        for (Step step : steps) {
            before.put(step, BackupConnections.queryLong(c, "SELECT count(*) FROM " + step.table().from()));
        }
        if (!steps.isEmpty()) {
            BackupConnections.execute(c, "TRUNCATE " + steps.stream().map(s -> s.table().from())
                    .collect(Collectors.joining(", ")));
        }
        // A superuser loads with row triggers off, as pg_restore --disable-triggers does, and then
        // checks every foreign key once for the whole table instead of once per row.
        boolean bulk = BackupConnections.queryLong(c, "SELECT CASE WHEN rolsuper THEN 1 ELSE 0 END FROM pg_roles "
                + "WHERE rolname = current_user") == 1;
        if (bulk) {
            BackupConnections.execute(c, "SET LOCAL session_replication_role = replica");
        }
        CopyManager copy = BackupConnections.copy(c);
        List<RestoredTable> restored = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            progress.table("Restoring", step.table().name(), i, steps.size());
            long rows = copyIn(copy, step, step.table().name().sql());
            restored.add(new RestoredTable(step.table().name().toString(), before.get(step), rows, rows, 0,
                    before.get(step)));
        }
        if (bulk) {
            BackupConnections.execute(c, "SET LOCAL session_replication_role = origin");
            progress.update("Checking foreign keys", 0.98);
            List<String> violations = ForeignKeyCheck.violations(c,
                    steps.stream().map(s -> s.table().name().sql()).toList());
            if (!violations.isEmpty()) {
                throw new SQLException("the restored rows break foreign keys: " + String.join("; ", violations));
            }
        }
        advanceSequences();
        return restored;
    }

    /**
     * Streams one part into the table, checking its SHA-256 on the way: a part that does not
     * match the manifest fails the restore, whose transaction then rolls back, so a damaged
     * backup never leaves a row behind and the archive is read once, not twice.
     */
    private long copyIn(CopyManager copy, Step step, String into) throws SQLException, IOException {
        MessageDigest sha256 = PartDigest.sha256();
        long rows;
        try (InputStream in = new DigestInputStream(archive.open(step.part()), sha256)) {
            rows = copy.copyIn("COPY " + into + Sql.columnList(step.columns()) + " FROM STDIN", in, 1 << 16);
        } catch (IOException | SQLException e) {
            Optional<String> damage = archive.damage(step.part());
            if (damage.isPresent()) {
                throw new BackupException("Backup " + archive.manifest().id() + " was not restored: " + damage.get(), e);
            }
            throw e;
        }
        if (!HexFormat.of().formatHex(sha256.digest()).equalsIgnoreCase(step.part().sha256())) {
            throw new BackupException("Backup " + archive.manifest().id() + " was not restored: " + archive.damage(step.part())
                    .orElse("part " + step.part().entry() + " does not match its SHA-256 in the manifest"));
        }
        return rows;
    }

    /**
     * Moves each serial or identity sequence of the restored tables past the largest value
     * now in its column, so new rows do not collide with restored ones. Never moves a
     * sequence back: ids handed out since the backup stay used.
     */
    private void advanceSequences() throws SQLException {
        for (Step step : steps) {
            String table = step.table().name().sql();
            Map<String, String> sequences = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(SERIAL_COLUMNS)) {
                ps.setString(1, table);
                ps.setString(2, table);
                ps.setString(3, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sequences.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            for (Map.Entry<String, String> e : sequences.entrySet()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT setval(?::regclass, m) FROM (SELECT max("
                        + Sql.quote(e.getKey()) + ") AS m FROM " + step.table().from() + ") x "
                        + "WHERE m > coalesce(pg_sequence_last_value(?::regclass), 0)")) {
                    ps.setString(1, e.getValue());
                    ps.setString(2, e.getValue());
                    ps.executeQuery().close();
                }
            }
        }
    }

    private long[] longs(String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            long[] values = new long[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = rs.getLong(i + 1);
            }
            return values;
        }
    }
}
