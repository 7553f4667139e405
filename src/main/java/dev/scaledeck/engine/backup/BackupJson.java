package dev.scaledeck.engine.backup;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads and writes the manifest and the verification sidecar. Instants are ISO-8601 strings,
 * so the files read well and need no extra Jackson module; unknown fields are ignored, so an
 * older ScaleDeck reads a newer file as far as it understands it. Thread-safe.
 */
final class BackupJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule("instants")
                    .addSerializer(Instant.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
                                throws IOException {
                            gen.writeString(value.toString());
                        }
                    })
                    .addDeserializer(Instant.class, new JsonDeserializer<>() {
                        @Override
                        public Instant deserialize(JsonParser p, DeserializationContext context) throws IOException {
                            try {
                                return Instant.parse(p.getValueAsString());
                            } catch (DateTimeParseException e) {
                                return (Instant) context.handleWeirdStringValue(Instant.class, p.getValueAsString(),
                                        "not an ISO-8601 instant");
                            }
                        }
                    }))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private BackupJson() {
    }

    static void write(Object value, OutputStream out) throws IOException {
        JSON.writeValue(out, value);
    }

    static <T> T read(InputStream in, Class<T> type) throws IOException {
        return JSON.readValue(in, type);
    }

    static String text(Object value) throws IOException {
        return JSON.writeValueAsString(value);
    }

    static <T> T parse(String text, Class<T> type) throws IOException {
        return JSON.readValue(text, type);
    }
}
