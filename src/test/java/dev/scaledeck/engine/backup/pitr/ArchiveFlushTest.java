package dev.scaledeck.engine.backup.pitr;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ArchiveFlushTest {

    private static final String SEGMENT = "000000010000000000000005";

    @Test
    void shouldCountTheSegmentOrALaterOneAsArchived() {
        assertThat(ArchiveFlush.covers("000000010000000000000005", SEGMENT)).isTrue();
        assertThat(ArchiveFlush.covers("000000010000000000000006", SEGMENT)).isTrue();
        assertThat(ArchiveFlush.covers("00000001000000010000000A", SEGMENT)).isTrue();
        // The history file of a backup that started in a later segment: ours came before it.
        assertThat(ArchiveFlush.covers("000000010000000000000006.00000028.backup", SEGMENT)).isTrue();
    }

    @Test
    void shouldNotCountAnEarlierSegmentNothingOrTheSegmentsBackupHistoryFile() {
        assertThat(ArchiveFlush.covers("000000010000000000000004", SEGMENT)).isFalse();
        assertThat(ArchiveFlush.covers(null, SEGMENT)).isFalse();
        assertThat(ArchiveFlush.covers("00000002.history", SEGMENT)).isFalse();
        assertThat(ArchiveFlush.covers("000000010000000000000005.00000028.backup", SEGMENT)).isFalse();
        assertThat(ArchiveFlush.covers("000000010000000000000004.00000028.backup", SEGMENT)).isFalse();
    }
}
