package dev.scaledeck.engine.scaling.platform;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerEngineResponseTest {

    @Test
    void shouldJoinChunksAndSkipTrailers() throws IOException {
        DockerResponse response = read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\n[1,\r\n2;ext=1\r\n2]\r\n0\r\nX-Trailer: yes\r\n\r\n");

        assertThat(response.body()).isEqualTo("[1,2]");
    }

    @Test
    void shouldDecodeMultiByteCharactersSplitAcrossChunks() throws IOException {
        byte[] e = "é".getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n";
        byte[] bytes = concat(head.getBytes(StandardCharsets.UTF_8), new byte[]{e[0]},
                "\r\n1\r\n".getBytes(StandardCharsets.UTF_8), new byte[]{e[1]},
                "\r\n0\r\n\r\n".getBytes(StandardCharsets.UTF_8));

        assertThat(DockerResponseReader.read(new ByteArrayInputStream(bytes)).body()).isEqualTo("é");
    }

    @Test
    void shouldReadAContentLengthBodyAndStopThere() throws IOException {
        DockerResponse response = read("HTTP/1.1 201 Created\r\nContent-Length: 4\r\n\r\n{}{}extra");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{}{}");
    }

    @Test
    void shouldReadUntilTheEndWithoutFramingAndAcceptBareLineFeeds() throws IOException {
        assertThat(read("HTTP/1.0 200 OK\nContent-Type: text/plain\n\nOK").body()).isEqualTo("OK");
    }

    @Test
    void shouldSkipAnInterimContinue() throws IOException {
        DockerResponse response = read("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n");

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void shouldFailOnABodyThatBreaksOff() {
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nshort"))
                .isInstanceOf(EOFException.class)
                .hasMessageContaining("5 of 16 body bytes");
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"))
                .hasMessageContaining("chunk size 'zz' is not a hexadecimal number");
        assertThatThrownBy(() -> read("SSH-2.0-OpenSSH_9.2\r\n"))
                .hasMessageContaining("not an HTTP/1.x status line: 'SSH-2.0-OpenSSH_9.2'");
    }

    @Test
    void shouldFallBackToTheBodyOrStatusWhenTheErrorIsNotDockersJson() {
        assertThat(new DockerResponse(502, Map.of(), "<html>Bad gateway</html>").errorMessage())
                .isEqualTo("<html>Bad gateway</html>");
        assertThat(new DockerResponse(500, Map.of(), "").errorMessage()).isEqualTo("HTTP 500 with an empty body");
        assertThat(new DockerResponse(500, Map.of(), "{\"message\":\"no leader\"}").errorMessage())
                .isEqualTo("no leader");
    }

    private static DockerResponse read(String raw) throws IOException {
        return DockerResponseReader.read(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
