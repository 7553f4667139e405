package dev.scaledeck.engine.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks every foreign key that touches some tables with one set-based query per key, instead
 * of a trigger per row: what a full restore does after loading with row triggers off
 * ({@code session_replication_role = replica}, as {@code pg_restore --disable-triggers}), so it
 * is as fast as pg_restore and still never commits a row whose parent is missing. MATCH SIMPLE
 * semantics: a row with a null in the key is not checked. Stateless.
 */
final class ForeignKeyCheck {

    /** Foreign keys whose child or parent is one of the given tables (regclass texts). */
    private static final String KEYS = """
            SELECT con.conname,
                   con.conrelid::regclass::text AS child,
                   con.confrelid::regclass::text AS parent,
                   array(SELECT quote_ident(a.attname) FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
                         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i) AS child_columns,
                   array(SELECT quote_ident(a.attname) FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
                         JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i) AS parent_columns
            FROM pg_constraint con
            WHERE con.contype = 'f'
              AND (con.conrelid = ANY (?::regclass[]) OR con.confrelid = ANY (?::regclass[]))
            ORDER BY con.conrelid::regclass::text, con.conname""";

    private ForeignKeyCheck() {
    }

    /**
     * @param tables the tables, as SQL names ({@code "public"."users"})
     * @return one line per violated key: "projects_user_id_fkey: 3 rows of projects reference no row of users"
     */
    static List<String> violations(Connection c, List<String> tables) throws SQLException {
        List<String> problems = new ArrayList<>();
        if (tables.isEmpty()) {
            return problems;
        }
        record Key(String name, String child, String parent, List<String> childColumns, List<String> parentColumns) {
        }
        List<Key> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(KEYS)) {
            String[] names = tables.toArray(new String[0]);
            ps.setArray(1, c.createArrayOf("text", names));
            ps.setArray(2, c.createArrayOf("text", names));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(new Key(rs.getString(1), rs.getString(2), rs.getString(3),
                            List.of((String[]) rs.getArray(4).getArray()), List.of((String[]) rs.getArray(5).getArray())));
                }
            }
        }
        for (Key k : keys) {
            List<String> notNull = new ArrayList<>();
            List<String> match = new ArrayList<>();
            for (int i = 0; i < k.childColumns().size(); i++) {
                notNull.add("c." + k.childColumns().get(i) + " IS NOT NULL");
                match.add("p." + k.parentColumns().get(i) + " = c." + k.childColumns().get(i));
            }
            long orphans = BackupConnections.queryLong(c, "SELECT count(*) FROM " + k.child() + " c WHERE "
                    + String.join(" AND ", notNull) + " AND NOT EXISTS (SELECT 1 FROM " + k.parent() + " p WHERE "
                    + String.join(" AND ", match) + ")");
            if (orphans > 0) {
                problems.add(k.name() + ": " + orphans + " row" + (orphans == 1 ? "" : "s") + " of " + k.child()
                        + " reference no row of " + k.parent() + " (" + k.childColumns().stream()
                        .collect(Collectors.joining(", ")) + ")");
            }
        }
        return problems;
    }
}
