package dev.scaledeck.ui;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.pool.ConnectionPool;
import dev.scaledeck.ui.common.FxDialogService;
import dev.scaledeck.ui.common.UiTaskExecutor;
import dev.scaledeck.ui.fixtures.TestEngines;
import dev.scaledeck.ui.fixtures.TinyInstance;
import dev.scaledeck.ui.shell.Sections;
import dev.scaledeck.ui.shell.ShellView;
import dev.scaledeck.ui.shell.ShellViewModel;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Looks at one section after a while of live load:
 * {@code xvfb-run -a java -cp ... dev.scaledeck.ui.SectionScreenshotDemo Pool /tmp/pool.png 30}; instead of a
 * section title, {@code starting} shows a launch that never ends and {@code failed} one that fails.
 * Not a test; for judging how a section reads once its charts have history.
 */
public final class SectionScreenshotDemo {

    private static String sectionTitle;
    private static Path target;
    private static int seconds;

    public static void main(String[] args) {
        sectionTitle = args.length > 0 ? args[0] : "Pool";
        target = Path.of(args.length > 1 ? args[1] : "/tmp/ui-section.png");
        seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        // The main class must not extend Application when JavaFX is on the class path.
        Application.launch(Window.class, args);
        System.exit(Files.exists(target) ? 0 : 3);
    }

    /** The demo window. */
    public static final class Window extends Application {
        @Override
        public void start(Stage stage) throws Exception {
            TinyInstance a = new TinyInstance("converter-1");
            TinyInstance b = new TinyInstance("converter-2");
            Path home = Files.createTempDirectory("scaledeck-demo");
            UiTaskExecutor tasks = new UiTaskExecutor();
            ShellViewModel shell = new ShellViewModel(tasks, Sections.standard(tasks, new FxDialogService(() -> stage)),
                    ShellViewModel.SAMPLE_PERIOD);
            shell.sections().stream().filter(s -> s.title().equals(sectionTitle)).findFirst()
                    .ifPresent(shell.selectedSectionProperty()::set);
            Scene scene = new Scene(new ShellView(shell), ScaleDeckApp.DEFAULT_WIDTH, ScaleDeckApp.DEFAULT_HEIGHT);
            scene.getStylesheets().add(ScaleDeckApp.class.getResource("scaledeck.css").toExternalForm());
            stage.setTitle(ScaleDeckApp.TITLE);
            stage.setScene(scene);
            stage.show();
            shell.start(progress -> {
                progress.accept("Starting embedded PostgreSQL 17");
                progress.accept("Seeding sample data: 50,000 workflows");
                if (sectionTitle.equals("starting")) {
                    Thread.sleep(Long.MAX_VALUE);
                }
                if (sectionTitle.equals("failed")) {
                    throw new IllegalStateException("Embedded PostgreSQL did not start: port 5432 is in use by another "
                            + "program. Stop it, or set DATABASE_URL to use that database instead.",
                            new java.io.IOException("Address already in use"));
                }
                progress.accept("Starting the demo engine");
                ScalingEngine engine = TestEngines.start(home, List.of(a.spec(), b.spec()),
                        Map.of("SUPABASE_MAX_CONNECTIONS", "12"));
                load(engine.pool());
                return TestEngines.launched(engine, "Demo engine");
            });
            PauseTransition wait = new PauseTransition(javafx.util.Duration.seconds(seconds));
            wait.setOnFinished(e -> {
                try {
                    WindowSnapshot.writePng(scene, target);
                } catch (Exception ex) {
                    ex.printStackTrace();
                }
                shell.shutdown().whenComplete((ok, err) -> Platform.runLater(() -> {
                    a.close();
                    b.close();
                    Platform.exit();
                }));
            });
            wait.play();
        }
    }

    private static void load(ConnectionPool pool) {
        Thread driver = new Thread(() -> {
            long start = System.nanoTime();
            while (!pool.isClosing()) {
                double t = (System.nanoTime() - start) / 1e9;
                int concurrent = (int) Math.round(6 + 6 * Math.sin(t / 3.0));
                for (int i = 0; i < concurrent; i++) {
                    Thread worker = new Thread(() -> query(pool), "demo-query");
                    worker.setDaemon(true);
                    worker.start();
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "demo-load");
        driver.setDaemon(true);
        driver.start();
    }

    private static void query(ConnectionPool pool) {
        try {
            pool.withConnection(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_sleep(" + ThreadLocalRandom.current().nextDouble(0.05, 0.6) + ")");
                }
                return null;
            });
        } catch (SQLException e) {
            // pool closing or a caller timed out: part of the demo
        }
    }
}
