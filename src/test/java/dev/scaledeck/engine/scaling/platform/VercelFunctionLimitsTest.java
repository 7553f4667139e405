package dev.scaledeck.engine.scaling.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VercelFunctionLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "app/api/**/*.ts";

    @TempDir
    Path dir;

    @Test
    void shouldCreateVercelJsonInAnEmptyDirectory() throws IOException {
        Path file = dir.resolve("vercel.json");

        boolean changed = new VercelFunctionLimits(API, 60, OptionalInt.of(1024), List.of()).writeVercelJson(file);

        assertThat(changed).isTrue();
        assertThat(Files.readString(file)).isEqualTo("""
                {
                  "functions": {
                    "app/api/**/*.ts": {
                      "maxDuration": 60,
                      "memory": 1024
                    }
                  }
                }
                """);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void shouldKeepEveryOtherKeyTheOperatorWrote() throws IOException {
        Path file = dir.resolve("vercel.json");
        Files.writeString(file, """
                {"$schema":"https://openapi.vercel.sh/vercel.json","buildCommand":"npm run build",
                 "rewrites":[{"source":"/old","destination":"/new"}],"ratio":1.50,
                 "functions":{"api/legacy.js":{"memory":512},
                   "app/api/**/*.ts":{"memory":3008,"runtime":"nodejs20.x","includeFiles":"data/**"}},
                 "regions":["fra1"]}""");

        new VercelFunctionLimits(API, 120).writeVercelJson(file);

        String written = Files.readString(file);
        assertThat(JSON.readTree(written)).isEqualTo(JSON.readTree("""
                {"$schema":"https://openapi.vercel.sh/vercel.json","buildCommand":"npm run build",
                 "rewrites":[{"source":"/old","destination":"/new"}],"ratio":1.50,
                 "functions":{"api/legacy.js":{"memory":512},
                   "app/api/**/*.ts":{"memory":3008,"runtime":"nodejs20.x","includeFiles":"data/**","maxDuration":120}},
                 "regions":["fra1"]}"""));
        assertThat(written).contains("\"ratio\": 1.50").startsWith("{\n  \"$schema\"");
    }

    @Test
    void shouldSetRegionsOnlyWhenGiven() throws IOException {
        Path file = dir.resolve("vercel.json");
        Files.writeString(file, "{\"regions\":[\"fra1\"]}");

        new VercelFunctionLimits(API, 10, OptionalInt.empty(), List.of("iad1", "sfo1")).writeVercelJson(file);

        assertThat(JSON.readTree(file.toFile()).get("regions")).isEqualTo(JSON.readTree("[\"iad1\",\"sfo1\"]"));
    }

    @Test
    void shouldLeaveTheFileAloneWhenItAlreadyHoldsTheLimits() throws IOException {
        Path file = dir.resolve("vercel.json");
        String compact = "{\"functions\":{\"app/api/**/*.ts\":{\"maxDuration\":30}}}";
        Files.writeString(file, compact);

        assertThat(new VercelFunctionLimits(API, 30).writeVercelJson(file)).isFalse();
        assertThat(Files.readString(file)).isEqualTo(compact);
    }

    @Test
    void shouldLeaveInvalidJsonByteIdenticalAndNameTheFileAndPosition() throws IOException {
        Path file = dir.resolve("vercel.json");
        byte[] broken = "{\n  \"functions\": {\n    \"api/*.js\": { maxDuration: 10 }\n  }\n}\n".getBytes();
        Files.write(file, broken);

        assertThatThrownBy(() -> new VercelFunctionLimits(API, 60).writeVercelJson(file))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(file.toAbsolutePath() + " is not valid JSON at line 3, column ")
                .hasMessageEndingWith("; it was left unchanged");
        assertThat(Files.readAllBytes(file)).isEqualTo(broken);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void shouldRefuseVercelJsonWhoseFunctionsAreNotAnObject() throws IOException {
        Path file = dir.resolve("vercel.json");
        Files.writeString(file, "{\"functions\":[\"api/*.js\"]}");

        assertThatThrownBy(() -> new VercelFunctionLimits(API, 60).writeVercelJson(file))
                .hasMessage(file.toAbsolutePath() + ": \"functions\" must be a JSON object, but is array;"
                        + " the file was left unchanged");
        assertThat(Files.readString(file)).isEqualTo("{\"functions\":[\"api/*.js\"]}");
    }

    @Test
    void shouldNameTheMissingDirectory() {
        Path file = dir.resolve("missing").resolve("vercel.json");

        assertThatThrownBy(() -> new VercelFunctionLimits(API, 60).writeVercelJson(file))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot write " + file + ": the directory " + file.getParent() + " does not exist");
    }

    @Test
    void shouldNameFieldValueAndRangeOfABadLimit() {
        assertThatIllegalArgumentException().isThrownBy(() -> new VercelFunctionLimits(API, 901))
                .withMessage("maxDuration must be between 1 and 900 seconds, but was 901");
        assertThatIllegalArgumentException().isThrownBy(() -> new VercelFunctionLimits(API, 0))
                .withMessage("maxDuration must be between 1 and 900 seconds, but was 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new VercelFunctionLimits(API, 10, OptionalInt.of(64), List.of()))
                .withMessage("memory must be between 128 and 3009 MB, but was 64");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new VercelFunctionLimits(API, 10, OptionalInt.of(4096), List.of()))
                .withMessage("memory must be between 128 and 3009 MB, but was 4096");
        assertThatIllegalArgumentException().isThrownBy(() -> new VercelFunctionLimits(" ", 10))
                .withMessageContaining("functions must be a glob");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new VercelFunctionLimits(API, 10, OptionalInt.empty(), List.of("Frankfurt")))
                .withMessageContaining("'Frankfurt'");
    }

    @Test
    void shouldAcceptTheEdgesOfEachRange() {
        assertThat(new VercelFunctionLimits(API, 1, OptionalInt.of(128), List.of()).maxDuration()).isEqualTo(1);
        assertThat(new VercelFunctionLimits(API, 900, OptionalInt.of(3009), List.of()).memory()).hasValue(3009);
    }
}
