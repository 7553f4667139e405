package dev.scaledeck.engine.backup;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The files of a PostgreSQL cluster this process can read: its data directory and the
 * directory its WAL is archived into. Base backups and point-in-time recovery need both, so
 * ScaleDeck has them for its embedded database and not for a remote one. Immutable.
 */
public record ClusterFiles(Path dataDirectory, Path walArchive) {
    public ClusterFiles {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(walArchive, "walArchive");
    }
}
