package dev.scaledeck.bench;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * The reference for the startup benchmark: a minimal JavaFX window, started the same way as
 * ScaleDeck (a main class that does not extend Application, JavaFX on the class path).
 */
public final class HelloFx extends Application {

    /** The entry point the benchmark starts. */
    public static final class Main {
        public static void main(String[] args) {
            Application.launch(HelloFx.class, args);
        }
    }

    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(new Label("Hello, World"), 1280, 800));
        stage.setOnShown(e -> Platform.runLater(() -> {
            System.out.println(StartupBenchmark.MARKER + " jvm-uptime-ms="
                    + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
            System.out.flush();
        }));
        stage.show();
    }
}
