package dev.scaledeck.cli;

import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.testsupport.TestPostgres;
import dev.scaledeck.ui.ScaleDeckApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scaledeck gui --screenshot FILE --exit-after D} as an operator runs it: a separate JVM
 * through {@code Main}, headless, against a real PostgreSQL.
 */
class GuiCommandIT {

    @TempDir
    Path home;

    private record Run(int exit, String out, String err) {
    }

    private Run scaledeck(String... args) throws IOException, InterruptedException {
        DatabaseUrl db = TestPostgres.freshDatabase();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dtestfx.headless=true", "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
                "-Dprism.order=sw", "-D" + ScaleDeckApp.FIRST_FRAME_PROPERTY + "=true",
                "-cp", System.getProperty("java.class.path"), "dev.scaledeck.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("SCALEDECK_HOME", home.toString());
        builder.environment().put("DATABASE_URL", db.jdbcUrl());
        builder.environment().put("LOAD_BALANCER_INSTANCES", "[]");
        Path err = home.resolve("stderr.txt");
        Process p = builder.redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, Files.readString(err));
    }

    @Test
    void shouldWriteAScreenshotOfTheLiveWindowAndExit() throws Exception {
        Path png = home.resolve("shot.png");
        Run run = scaledeck("gui", "--screenshot", png.toString(), "--section", "pool", "--exit-after", "90s");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains(ScaleDeckApp.FIRST_FRAME_MARKER);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(800);
        assertThat(Files.readString(home.resolve("logs/scaledeck.log"))).contains("Screenshot of the window written");
    }

    @Test
    void shouldCloseAfterTheGivenTimeWithoutAScreenshot() throws Exception {
        Run run = scaledeck("--exit-after", "3s");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains(ScaleDeckApp.FIRST_FRAME_MARKER);
        assertThat(Files.readString(home.resolve("events.jsonl"))).contains("\"type\":\"stopped\"");
    }

    @Test
    void shouldExitWithTheConfigurationErrorWhenTheWindowOpenedBeforeItWasRead() throws Exception {
        Run run = scaledeck("gui", "--set", "embedded.ambientRate=lots", "--exit-after", "60s");

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("configuration error: --set embedded.ambientRate = 'lots' is not valid");
        assertThat(home.resolve("events.jsonl")).as("no engine started").doesNotExist();
    }
}
