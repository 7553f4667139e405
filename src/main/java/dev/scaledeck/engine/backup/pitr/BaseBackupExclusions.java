package dev.scaledeck.engine.backup.pitr;

import java.nio.file.Path;
import java.util.Set;

/**
 * What a base backup leaves out of the data directory: what the PostgreSQL manual ("Making a
 * Base Backup Using the Low Level API") says may be omitted, the same list pg_basebackup
 * uses, plus zonky's lock file. Directories whose contents are left out are still created,
 * since the server expects them. Immutable.
 */
final class BaseBackupExclusions implements DataDirectoryCopy.Filter {

    static final BaseBackupExclusions INSTANCE = new BaseBackupExclusions();

    /** Directories created empty; pg_wal's segments come from the WAL archive instead. */
    private static final Set<String> EMPTY_DIRECTORIES = Set.of(
            "pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans");

    /**
     * Top-level files a running server has that a backup must not: the lock and options of
     * the running postmaster, temporary files, and backup_label / tablespace_map, which the
     * backup writes itself from pg_backup_stop.
     */
    private static final Set<String> TOP_LEVEL_FILES = Set.of(
            "postmaster.pid", "postmaster.opts", "postgresql.auto.conf.tmp", "current_logfiles.tmp",
            "backup_label", "tablespace_map", "backup_manifest", "epg-lock");

    private BaseBackupExclusions() {
    }

    @Override
    public boolean skip(Path relative) {
        String name = relative.getFileName().toString();
        if (relative.getNameCount() == 1 && TOP_LEVEL_FILES.contains(name)) {
            return true;
        }
        // The relation cache init files are rebuilt at startup; pgsql_tmp* are sorts and hashes spilled to disk.
        return name.startsWith("pg_internal.init") || name.startsWith("pgsql_tmp");
    }

    @Override
    public boolean skipContents(Path relativeDirectory) {
        return relativeDirectory.getNameCount() == 1 && EMPTY_DIRECTORIES.contains(relativeDirectory.toString());
    }
}
