package dev.scaledeck.bench;

import dev.scaledeck.embedded.SampleSchema;
import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.config.PoolConfig;
import dev.scaledeck.engine.pool.ConnectionPool;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.OutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The data both backups export: the app's sample schema with the seed it writes on its first
 * start (about 166 MB of COPY text, most of it workflow definitions and generated code), which
 * pg_dump takes about 2 s to export here.
 */
final class BackupData {

    /**
     * Total size of the {@code COPY table TO STDOUT} text of every table, the one measure of
     * "MB" for both sides, and each table's rows.
     */
    record Size(long bytes, Map<String, Long> rows) {

        double megabytes() {
            return bytes / 1e6;
        }

        String describe() {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%.1f MB of COPY text;", megabytes()));
            rows.forEach((table, count) -> s.append(' ').append(table).append(' ').append(count));
            return s.toString();
        }
    }

    private BackupData() {
    }

    /** Creates the sample schema in {@code database} and seeds it as the app does on its first start. */
    static void create(DatabaseUrl database) throws SQLException {
        PoolConfig config = new PoolConfig(1, 1, Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ZERO,
                Duration.ofSeconds(5));
        try (ConnectionPool pool = new ConnectionPool("bench-seed", database, config, Clock.systemUTC())) {
            SampleSchema.ensure(pool, message -> { });
        }
        try (Connection c = Tables.open(database); Statement s = c.createStatement()) {
            // Set hint bits and the visibility map now, so the first export does not pay for it.
            s.execute("VACUUM ANALYZE");
        }
    }

    /** Streams every table's COPY text once, counting bytes and rows. */
    static Size measure(DatabaseUrl database) throws Exception {
        try (Connection c = Tables.open(database)) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            Map<String, Long> rows = new LinkedHashMap<>();
            CountingSink sink = new CountingSink();
            for (String table : Tables.inForeignKeyOrder(c)) {
                rows.put(table, copy.copyOut("COPY " + table + " TO STDOUT", sink));
            }
            return new Size(sink.bytes, rows);
        }
    }

    /** Each table's {@code count(*)}, tables in foreign-key order. */
    static Map<String, Long> rowCounts(DatabaseUrl database) throws SQLException {
        try (Connection c = Tables.open(database); Statement s = c.createStatement()) {
            Map<String, Long> rows = new LinkedHashMap<>();
            for (String table : Tables.inForeignKeyOrder(c)) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    rows.put(table, rs.getLong(1));
                }
            }
            return rows;
        }
    }

    private static final class CountingSink extends OutputStream {

        private long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
