package dev.scaledeck.engine.backup;

import dev.scaledeck.engine.config.DatabaseUrl;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Proves that parts restore: creates a scratch database {@code scaledeck_verify_<random>} on
 * the source's server, creates each table from the manifest's column definitions (no
 * constraints), COPYs the part in, COPYs it out again and compares row count and content
 * checksum with the manifest. The scratch database is dropped afterwards, whatever happened.
 * Not thread-safe; one per verification.
 */
final class TrialRestore {

    private static final Logger LOG = LoggerFactory.getLogger(TrialRestore.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DatabaseUrl server;
    private final List<String> problems;
    private final List<String> notes;

    /**
     * @param server   any database on the server to use; the scratch database goes next to it
     * @param problems where problems are added
     * @param notes    where notes are added
     */
    TrialRestore(DatabaseUrl server, List<String> problems, List<String> notes) {
        this.server = server;
        this.problems = problems;
        this.notes = notes;
    }

    void run(BackupArchive archive, List<TablePart> parts) {
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        String scratch = "scaledeck_verify_" + HexFormat.of().formatHex(random);
        try (Connection admin = BackupConnections.open(server)) {
            BackupConnections.execute(admin, "CREATE DATABASE " + scratch);
        } catch (SQLException e) {
            problems.add("Trial restore not possible: cannot create scratch database " + scratch + " on "
                    + server.masked() + " (" + BackupArchive.firstLine(e.getMessage()) + ")");
            return;
        }
        try (Connection c = BackupConnections.open(BackupConnections.otherDatabase(server, scratch))) {
            CopyManager copy = BackupConnections.copy(c);
            createSchemas(c, parts);
            for (TablePart part : parts) {
                restoreAndCompare(c, copy, archive, part);
            }
        } catch (SQLException e) {
            problems.add("Trial restore failed in scratch database " + scratch + ": "
                    + BackupArchive.firstLine(e.getMessage()));
        } finally {
            drop(scratch);
        }
    }

    private static void createSchemas(Connection c, List<TablePart> parts) throws SQLException {
        Set<String> schemas = new LinkedHashSet<>();
        parts.forEach(p -> schemas.add(p.schema()));
        for (String schema : schemas) {
            BackupConnections.execute(c, "CREATE SCHEMA IF NOT EXISTS " + Sql.quote(schema));
        }
    }

    private void restoreAndCompare(Connection c, CopyManager copy, BackupArchive archive, TablePart part) {
        String table = part.tableName().sql();
        try {
            BackupConnections.execute(c, "CREATE TABLE " + table + " (" + columnDefinitions(c, part) + ")");
            try (InputStream in = archive.open(part)) {
                copy.copyIn("COPY " + table + Sql.columnList(part.columnNames()) + " FROM STDIN", in, 1 << 16);
            }
            PartDigest digest = PartDigest.discarding();
            copy.copyOut("COPY " + table + Sql.columnList(part.columnNames()) + " TO STDOUT", digest);
            if (digest.rows() != part.rows()) {
                problems.add("Table " + part.tableName() + ": the trial restore has " + digest.rows()
                        + " rows, the manifest says " + part.rows());
            } else if (!digest.contentChecksum().equals(part.contentChecksum())) {
                problems.add("Table " + part.tableName() + ": the trial restore's content checksum is "
                        + digest.contentChecksum() + ", the manifest says " + part.contentChecksum());
            }
        } catch (SQLException | IOException e) {
            problems.add("Table " + part.tableName() + " (part " + part.entry() + "): trial restore failed: "
                    + BackupArchive.firstLine(e.getMessage()));
        }
    }

    /**
     * The manifest's types, each checked by the server first: the text comes from a file and
     * goes into DDL, so only what {@code to_regtype} accepts as a type name is used as one.
     * A type the scratch database lacks (an enum or a domain of the source) is checked as
     * text, which still proves the rows come back byte for byte.
     */
    private String columnDefinitions(Connection c, TablePart part) throws SQLException {
        StringBuilder sql = new StringBuilder();
        for (ColumnDef column : part.columns()) {
            String type = column.type();
            if (!isType(c, type)) {
                notes.add("Table " + part.tableName() + ": column " + column.name() + " of type " + type
                        + " was checked as text (the type does not exist in the scratch database)");
                type = "text";
            }
            if (!sql.isEmpty()) {
                sql.append(", ");
            }
            sql.append(Sql.quote(column.name())).append(' ').append(type);
        }
        return sql.toString();
    }

    private static boolean isType(Connection c, String type) {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regtype(?) IS NOT NULL")) {
            ps.setString(1, type);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            return false;
        }
    }

    private void drop(String scratch) {
        try (Connection admin = BackupConnections.open(server)) {
            BackupConnections.execute(admin, "DROP DATABASE IF EXISTS " + scratch + " WITH (FORCE)");
        } catch (SQLException e) {
            LOG.warn("Could not drop scratch database {}: {}", scratch, e.getMessage());
            problems.add("Scratch database " + scratch + " could not be dropped; drop it by hand ("
                    + BackupArchive.firstLine(e.getMessage()) + ")");
        }
    }
}
