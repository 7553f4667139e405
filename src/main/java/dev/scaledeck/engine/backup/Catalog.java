package dev.scaledeck.engine.backup;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The tables of a database that backups deal with, read from {@code pg_catalog} in the
 * caller's transaction (so inside a backup's snapshot it describes that snapshot):
 * ordinary and partitioned tables of every schema except the system ones, leaving out
 * partitions (their rows are read through the partitioned table) and tables that belong to
 * an extension (the extension creates and fills them). Immutable once read.
 */
final class Catalog {

    private static final String TABLES = """
            SELECT c.oid, n.nspname, c.relname, c.relkind = 'p' AS partitioned,
                   a.attname, format_type(a.atttypid, a.atttypmod) AS type
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                                     AND a.attgenerated = ''
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
              AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                              AND d.objid = c.oid AND d.deptype = 'e')
            ORDER BY n.nspname, c.relname, a.attnum
            """;
    private static final String CONSTRAINTS = """
            SELECT con.contype, con.conrelid, con.confrelid,
                   ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, i)
                         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.i),
                   ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, i)
                         JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.i)
            FROM pg_constraint con
            WHERE con.contype IN ('p', 'f')
            ORDER BY con.conname
            """;

    private final Map<TableName, CatalogTable> tables;
    private final List<ForeignKey> foreignKeys;

    private Catalog(Map<TableName, CatalogTable> tables, List<ForeignKey> foreignKeys) {
        this.tables = tables;
        this.foreignKeys = foreignKeys;
    }

    static Catalog read(Connection c) throws SQLException {
        Map<Long, TableName> names = new HashMap<>();
        Map<TableName, List<ColumnDef>> columns = new LinkedHashMap<>();
        Map<TableName, Boolean> partitioned = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(TABLES)) {
            while (rs.next()) {
                TableName name = new TableName(rs.getString(2), rs.getString(3));
                names.put(rs.getLong(1), name);
                partitioned.put(name, rs.getBoolean(4));
                List<ColumnDef> list = columns.computeIfAbsent(name, k -> new ArrayList<>());
                if (rs.getString(5) != null) {
                    list.add(new ColumnDef(rs.getString(5), rs.getString(6)));
                }
            }
        }
        Map<TableName, List<String>> primaryKeys = new HashMap<>();
        List<ForeignKey> foreignKeys = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(CONSTRAINTS)) {
            while (rs.next()) {
                TableName table = names.get(rs.getLong(2));
                if (table == null) {
                    continue;
                }
                List<String> keyColumns = strings(rs.getArray(4));
                if ("p".equals(rs.getString(1))) {
                    primaryKeys.put(table, keyColumns);
                } else if (names.containsKey(rs.getLong(3))) {
                    foreignKeys.add(new ForeignKey(table, keyColumns, names.get(rs.getLong(3)), strings(rs.getArray(5))));
                }
            }
        }
        Map<TableName, CatalogTable> tables = new TreeMap<>();
        columns.forEach((name, cols) -> tables.put(name,
                new CatalogTable(name, cols, primaryKeys.getOrDefault(name, List.of()), partitioned.get(name))));
        return new Catalog(tables, List.copyOf(foreignKeys));
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }

    Collection<CatalogTable> tables() {
        return tables.values();
    }

    Optional<CatalogTable> table(TableName name) {
        return Optional.ofNullable(tables.get(name));
    }

    List<ForeignKey> foreignKeys() {
        return foreignKeys;
    }

    /**
     * Finds a table by {@code schema.name}, or by {@code name} alone: in {@code public} first,
     * else in the one schema that has it.
     *
     * @throws BackupException when there is no such table, or the bare name is in several schemas
     */
    CatalogTable resolve(String name) {
        int dot = name.indexOf('.');
        if (dot > 0) {
            return table(new TableName(name.substring(0, dot), name.substring(dot + 1)))
                    .orElseThrow(() -> new BackupException("Table " + name + " does not exist"));
        }
        Optional<CatalogTable> inPublic = table(new TableName("public", name));
        if (inPublic.isPresent()) {
            return inPublic.get();
        }
        List<CatalogTable> matches = tables.values().stream().filter(t -> t.name().name().equals(name)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        throw new BackupException(matches.isEmpty() ? "Table " + name + " does not exist"
                : "Table name " + name + " is in several schemas " + matches.stream().map(CatalogTable::name).toList()
                + "; write it as schema.table");
    }

    /** The given tables, every one after the tables it references. */
    List<TableName> parentsFirst(Collection<TableName> subset) {
        return TableOrder.parentsFirst(subset, foreignKeys);
    }
}
