package dev.scaledeck.engine.backup.pitr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes {@code base.json}, the description of a base backup next to its
 * {@code data/} directory. Stateless; thread-safe.
 */
final class BaseBackupManifest {

    static final String FILE = "base.json";
    static final String DATA = "data";
    private static final ObjectMapper JSON = new ObjectMapper();

    private BaseBackupManifest() {
    }

    /** Writes {@code directory/base.json} under a temporary name, flushed, then renamed. */
    static void write(BaseBackup backup, Path directory) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", backup.id());
        fields.put("startTime", backup.startTime().toString());
        fields.put("stopTime", backup.stopTime().toString());
        fields.put("startLsn", backup.startLsn());
        fields.put("stopLsn", backup.stopLsn());
        fields.put("timeline", backup.timeline());
        fields.put("source", backup.source());
        fields.put("sizeBytes", backup.sizeBytes());
        PrivateFiles.writeAtomically(directory.resolve(FILE),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(fields) + System.lineSeparator());
    }

    /**
     * Reads {@code directory/base.json}.
     *
     * @throws IOException when it is missing, unreadable or lacks a field; the message names which
     */
    static BaseBackup read(Path directory) throws IOException {
        Path file = directory.resolve(FILE);
        JsonNode json;
        try {
            json = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        try {
            return new BaseBackup(text(json, file, "id"), Instant.parse(text(json, file, "startTime")),
                    Instant.parse(text(json, file, "stopTime")), text(json, file, "startLsn"),
                    text(json, file, "stopLsn"), number(json, file, "timeline"), text(json, file, "source"),
                    number(json, file, "sizeBytes"), directory);
        } catch (DateTimeParseException e) {
            throw new IOException(file + " has a time that is not ISO-8601: " + e.getParsedString(), e);
        }
    }

    private static String text(JsonNode json, Path file, String field) throws IOException {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual()) {
            throw new IOException(file + " lacks the text field '" + field + "'");
        }
        return value.asText();
    }

    private static long number(JsonNode json, Path file, String field) throws IOException {
        JsonNode value = json.get(field);
        if (value == null || !value.canConvertToLong()) {
            throw new IOException(file + " lacks the number field '" + field + "'");
        }
        return value.asLong();
    }
}
