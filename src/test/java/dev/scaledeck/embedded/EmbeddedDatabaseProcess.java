package dev.scaledeck.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A second ScaleDeck process for {@link EmbeddedDatabaseTest}: file locks are per process, so
 * only another JVM shows what another process sees. Prints one line starting with
 * {@code RESULT}.
 * <ul>
 *   <li>{@code reuse HOME}: opens the embedded database, reports owned/port and how many
 *       rows {@code marker} has, closes it and exits</li>
 *   <li>{@code hold HOME}: opens it, writes a row to {@code marker}, reports owned/port/pid
 *       and then waits to be killed, to leave an orphan server behind</li>
 * </ul>
 */
public final class EmbeddedDatabaseProcess {

    private EmbeddedDatabaseProcess() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path home = Path.of(args[1]);
        EmbeddedDatabase database = EmbeddedDatabase.startOrReuse(home, message -> { });
        try (Connection c = DriverManager.getConnection(database.url().jdbcUrl(), database.url().user(), null);
             Statement s = c.createStatement()) {
            if ("hold".equals(mode)) {
                s.execute("CREATE TABLE IF NOT EXISTS marker (note text)");
                s.execute("INSERT INTO marker VALUES ('written by a process that then crashed')");
                long pid = PostmasterPidFile.read(database.dataDirectory()).orElseThrow().pid();
                System.out.println("RESULT owned=" + database.owned() + " port=" + database.port() + " pid=" + pid);
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
            System.out.println("RESULT owned=" + database.owned() + " port=" + database.port() + " markers=" + markers(s));
        } finally {
            database.close();
        }
    }

    private static long markers(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM marker")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
