package dev.scaledeck.engine.scaling.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One answer of the Docker Engine API, body already read (chunks joined). Immutable.
 *
 * @param status  the HTTP status code
 * @param headers the response headers, names case-insensitive
 * @param body    the body as UTF-8 text, empty when there was none
 */
public record DockerResponse(int status, Map<String, String> headers, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 300;

    public DockerResponse {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        headers = Collections.unmodifiableMap(copy);
    }

    /** Whether the status is 2xx. */
    public boolean successful() {
        return status >= 200 && status < 300;
    }

    /**
     * What went wrong, as Docker says it: the {@code message} of its JSON error body, else the
     * start of the body, else just the status.
     */
    public String errorMessage() {
        String text = body.strip();
        try {
            JsonNode message = JSON.readTree(text).path("message");
            if (message.isTextual() && !message.asText().isBlank()) {
                return message.asText();
            }
        } catch (IOException | RuntimeException notJson) {
            // Not Docker's JSON error (a proxy page, plain text): show the text itself.
        }
        if (text.isEmpty()) {
            return "HTTP " + status + " with an empty body";
        }
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
    }
}
