package dev.scaledeck.bench;

import dev.scaledeck.engine.config.DatabaseUrl;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * TEMPORARY STAND-IN for our backup in the backup benchmark: the approach BackupService takes
 * (every table's text {@code COPY ... TO STDOUT} through pgjdbc's CopyManager into a ZIP,
 * restored with {@code COPY ... FROM STDIN}), written as plainly as possible, so the benchmark
 * answers early whether that approach can keep up with pg_dump / pg_restore.
 *
 * <p>TODO: replace with BackupService (export and restore) when it lands on main; then delete
 * this class.
 */
final class CopyZipStandIn {

    static final String ARCHIVE = "backup.zip";
    private static final String SUFFIX = ".copy";
    private static final int BUFFER = 1 << 16;

    private CopyZipStandIn() {
    }

    /**
     * One ZIP entry per table, referenced tables first, read in one repeatable-read snapshot
     * as pg_dump does.
     */
    static Path export(DatabaseUrl source, Path outDir, int compressionLevel) throws Exception {
        Path archive = outDir.resolve(ARCHIVE);
        try (Connection c = Tables.open(source);
             ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(archive), BUFFER))) {
            zip.setLevel(compressionLevel);
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (String table : Tables.inForeignKeyOrder(c)) {
                zip.putNextEntry(new ZipEntry(table + SUFFIX));
                // CopyManager writes one call per row; batch them before the deflater sees them.
                // Flushed, never closed: closing would close the archive.
                OutputStream entry = new BufferedOutputStream(zip, BUFFER);
                copy.copyOut("COPY (SELECT * FROM " + table + ") TO STDOUT", entry);
                entry.flush();
                zip.closeEntry();
            }
            c.commit();
        }
        return archive;
    }

    /**
     * Into a database that has the schema and no rows; one COPY (and transaction) per table, in
     * archive order, with the table's triggers (foreign-key checks) off meanwhile, as
     * {@code pg_restore --data-only --disable-triggers} does.
     */
    static void restore(Path backup, DatabaseUrl target) throws Exception {
        try (Connection c = Tables.open(target); Statement s = c.createStatement();
             ZipInputStream zip = new ZipInputStream(new BufferedInputStream(Files.newInputStream(backup), BUFFER))) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String table = entry.getName().substring(0, entry.getName().length() - SUFFIX.length());
                s.execute("ALTER TABLE " + table + " DISABLE TRIGGER ALL");
                copy.copyIn("COPY " + table + " FROM STDIN", zip, BUFFER);
                s.execute("ALTER TABLE " + table + " ENABLE TRIGGER ALL");
            }
        }
    }
}
