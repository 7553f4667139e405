package dev.scaledeck.engine.scaling.platform;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one HTTP/1.1 response: status line, headers, and a body framed by
 * {@code Transfer-Encoding: chunked} (as Docker sends JSON), {@code Content-Length}, or the end
 * of the connection. Stateless.
 */
final class DockerResponseReader {

    /** Larger bodies are refused rather than read into memory (a task list of thousands fits). */
    static final int MAX_BODY_BYTES = 32 * 1024 * 1024;
    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 200;

    private DockerResponseReader() {
    }

    static DockerResponse read(InputStream in) throws IOException {
        while (true) {
            int status = status(line(in));
            Map<String, String> headers = headers(in);
            if (status >= 100 && status < 200) {
                continue; // an interim answer (100 Continue); the real one follows
            }
            return new DockerResponse(status, headers, new String(body(in, status, headers), StandardCharsets.UTF_8));
        }
    }

    private static int status(String line) throws IOException {
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: '" + abbreviate(line) + "'");
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status code in '" + abbreviate(line) + "'", e);
        }
    }

    private static Map<String, String> headers(InputStream in) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed HTTP header line: '" + abbreviate(line) + "'");
            }
            if (headers.size() == MAX_HEADERS) {
                throw new IOException("more than " + MAX_HEADERS + " HTTP headers");
            }
            headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        return headers;
    }

    private static byte[] body(InputStream in, int status, Map<String, String> headers) throws IOException {
        if (status == 204 || status == 304) {
            return new byte[0];
        }
        String encoding = headers.getOrDefault("transfer-encoding", "");
        if (encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return chunked(in);
        }
        String length = headers.get("content-length");
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw new IOException("Content-Length '" + length + "' is not a number", e);
            }
            return exactly(in, checked(n));
        }
        return untilEnd(in);
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String line = line(in);
            int semicolon = line.indexOf(';');
            String size = (semicolon >= 0 ? line.substring(0, semicolon) : line).trim();
            long n;
            try {
                n = Long.parseLong(size, 16);
            } catch (NumberFormatException e) {
                throw new IOException("chunk size '" + abbreviate(line) + "' is not a hexadecimal number", e);
            }
            if (n == 0) {
                headers(in); // trailers, if any, end with an empty line
                return body.toByteArray();
            }
            body.write(exactly(in, checked(body.size() + n) - body.size()));
            if (!line(in).isEmpty()) {
                throw new IOException("a chunk of " + n + " bytes is not followed by CRLF");
            }
        }
    }

    private static int checked(long bytes) throws IOException {
        if (bytes < 0 || bytes > MAX_BODY_BYTES) {
            throw new IOException("response body of " + bytes + " bytes is over the limit of " + MAX_BODY_BYTES);
        }
        return (int) bytes;
    }

    private static byte[] exactly(InputStream in, int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw new EOFException("connection closed after " + bytes.length + " of " + n + " body bytes");
        }
        return bytes;
    }

    private static byte[] untilEnd(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        checked(bytes.length);
        return bytes;
    }

    /** A line without its CRLF (a bare LF is accepted too). */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed in the middle of the HTTP response");
            }
            if (line.size() == MAX_LINE) {
                throw new IOException("HTTP response line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
