package dev.scaledeck.engine.backup;

import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.event.EventJournal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * For tests that back up and restore the sample data: before each test, a database of its
 * own with the sample schema and data, and a service whose backups go to a temporary
 * directory and whose clock stands at 2026-11-26T10:00:00Z.
 */
abstract class SeededServiceTest {

    @TempDir
    Path directory;
    DatabaseUrl db;
    EventJournal journal;
    BackupService service;

    @BeforeEach
    void seededService() {
        db = BackupFixtures.seededDatabase();
        journal = new EventJournal(100, null);
        service = BackupFixtures.service(db, directory, journal);
    }
}
