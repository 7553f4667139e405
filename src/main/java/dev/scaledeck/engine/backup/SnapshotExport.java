package dev.scaledeck.engine.backup;

import dev.scaledeck.engine.config.DatabaseUrl;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes one backup: every part is COPYed out inside a single
 * {@code REPEATABLE READ READ ONLY} transaction, so the archive is one consistent snapshot
 * however long it takes and whatever is written meanwhile, and streamed into the archive
 * without holding a table in memory. Stateless; thread-safe.
 */
final class SnapshotExport {

    private static final String SERVER_FACTS = "SELECT current_setting('server_version'), "
            + "CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_lsn()::text END";

    /** A table to copy, and which of its rows (null for all). */
    private record Selection(CatalogTable table, String filter) {
    }

    private final BackupRepository repository;
    private final OwnershipRules rules;

    SnapshotExport(BackupRepository repository, OwnershipRules rules) {
        this.repository = repository;
        this.rules = rules;
    }

    /**
     * @param userId the user for a {@link BackupScope#USER} backup, null for a full one
     */
    BackupManifest run(DatabaseUrl database, BackupScope scope, Long userId, Instant createdAt,
                       BackupProgress progress) throws SQLException {
        try (Connection c = BackupConnections.open(database);
             Transaction snapshot = Transaction.begin(c, "ISOLATION LEVEL REPEATABLE READ READ ONLY")) {
            String serverVersion;
            String walPosition;
            // The first query fixes the snapshot; the WAL position read with it is where the snapshot stands.
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SERVER_FACTS)) {
                rs.next();
                serverVersion = rs.getString(1);
                walPosition = rs.getString(2);
            }
            Catalog catalog = Catalog.read(c);
            List<Selection> selections = scope == BackupScope.USER ? userRows(c, catalog, userId) : allRows(catalog);
            lock(c, selections);
            BackupManifest manifest;
            try (ArchiveWriter writer = repository.create(BackupIds.base(scope, userId, createdAt))) {
                List<TablePart> parts = new ArrayList<>();
                try {
                    CopyManager copy = BackupConnections.copy(c);
                    for (int i = 0; i < selections.size(); i++) {
                        Selection selection = selections.get(i);
                        progress.table("Copying", selection.table().name(), i, selections.size());
                        parts.add(writePart(writer, copy, selection));
                    }
                    manifest = new BackupManifest(BackupManifest.FORMAT_VERSION, writer.id(), scope, userId, createdAt,
                            database.masked(), serverVersion, walPosition, SchemaFingerprint.of(parts), parts);
                    writer.commit(manifest);
                } catch (IOException e) {
                    throw writer.failure(e);
                }
            }
            // The snapshot is read-only: closing it (a rollback) ends it as well as a commit would,
            // and a connection lost now cannot undo a backup that is already on disk.
            progress.update("Backup " + manifest.id() + " written", 1.0);
            return manifest;
        }
    }

    private List<Selection> userRows(Connection c, Catalog catalog, long userId) throws SQLException {
        Ownership ownership = Ownership.discover(catalog, rules);
        CatalogTable users = catalog.table(ownership.userTable()).orElseThrow();
        long found = BackupConnections.queryLong(c, "SELECT count(*) FROM " + users.from() + " WHERE "
                + ownership.filter(users.name(), userId).orElseThrow());
        if (found == 0) {
            throw new BackupException("User " + userId + " does not exist in " + users.name());
        }
        List<Selection> selections = new ArrayList<>();
        for (TableName table : ownership.tables()) {
            selections.add(new Selection(catalog.table(table).orElseThrow(), ownership.filter(table, userId).orElseThrow()));
        }
        return selections;
    }

    private static List<Selection> allRows(Catalog catalog) {
        List<TableName> order = catalog.parentsFirst(catalog.tables().stream().map(CatalogTable::name).toList());
        return order.stream().map(t -> new Selection(catalog.table(t).orElseThrow(), null)).toList();
    }

    /**
     * Keeps other sessions from dropping or rewriting a table before its turn comes: the
     * snapshot alone does not protect against DDL. ACCESS SHARE conflicts with nothing that
     * writes rows.
     */
    private static void lock(Connection c, List<Selection> selections) throws SQLException {
        if (selections.isEmpty()) {
            return;
        }
        BackupConnections.execute(c, "LOCK TABLE " + selections.stream().map(s -> s.table().name().sql())
                .collect(Collectors.joining(", ")) + " IN ACCESS SHARE MODE");
    }

    private static TablePart writePart(ArchiveWriter writer, CopyManager copy, Selection selection)
            throws IOException, SQLException {
        CatalogTable table = selection.table();
        String columns = Sql.columns(table.columnNames(), null);
        String sql;
        if (selection.filter() == null && !table.partitioned()) {
            sql = "COPY " + table.name().sql() + Sql.columnList(table.columnNames()) + " TO STDOUT";
        } else {
            sql = "COPY (SELECT " + columns + " FROM " + table.from()
                    + (selection.filter() == null ? "" : " WHERE " + selection.filter()) + ") TO STDOUT";
        }
        String entry = TablePart.entryFor(table.name());
        PartDigest digest = writer.writePart(entry, out -> copy.copyOut(sql, out));
        return new TablePart(table.name().schema(), table.name().name(), table.columns(), digest.rows(), entry,
                digest.sha256Hex(), digest.bytes(), digest.contentChecksum());
    }
}
