package dev.scaledeck.engine.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventJournalTest {

    @TempDir
    Path dir;

    @Test
    void shouldKeepTheNewestInMemoryAndEveryEventInTheFileAcrossRestarts() throws Exception {
        Path file = dir.resolve("sub/events.jsonl");
        try (EventJournal journal = new EventJournal(3, file)) {
            for (int i = 1; i <= 5; i++) {
                journal.record(new EngineEvent(Instant.parse("2026-11-26T10:00:0" + i + "Z"), "alert", "raised", "k" + i, "m" + i));
            }
            assertThat(journal.recent(10)).extracting(EngineEvent::subject).containsExactly("k3", "k4", "k5");
            assertThat(journal.recent(2)).extracting(EngineEvent::subject).containsExactly("k4", "k5");
        }
        try (EventJournal again = new EventJournal(3, file)) {
            again.record(new EngineEvent(Instant.parse("2026-11-26T10:01:00Z"), "engine", "started", "engine", "again"));
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(6);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("time").asText()).isEqualTo("2026-11-26T10:00:01Z");
        assertThat(first.get("subject").asText()).isEqualTo("k1");
    }
}
