package dev.scaledeck.ui;

import dev.scaledeck.engine.EngineLauncher;
import dev.scaledeck.engine.backup.BackupListing;
import dev.scaledeck.ui.fixtures.EngineSql;
import dev.scaledeck.ui.fixtures.TestEngines;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableCell;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Backups section of the real window, headless, on a real engine and a real PostgreSQL. */
class BackupsIT extends SectionWindowIT {


    private EngineLauncher launcherWithNotes() {
        return progress -> {
            progress.accept("Starting the test engine");
            engine.set(TestEngines.start(home));
            EngineSql.execute(engine.get(), "CREATE TABLE notes (id int PRIMARY KEY, body text)",
                    "INSERT INTO notes SELECT g, 'note ' || g FROM generate_series(1, 50) g");
            return TestEngines.launched(engine.get(), "test engine with a notes table");
        };
    }

    private boolean cellShows(String text) {
        return WindowProbe.onFx(() -> window.robot().lookup((Node n) -> n instanceof TableCell<?, ?> c
                && text.equals(c.getText())).tryQuery().isPresent());
    }

    @Test
    void shouldTakeAFullBackupAndRestoreItAfterTheOperatorConfirms() throws Exception {
        opened = TestWindow.open(launcherWithNotes());
        await().atMost(Duration.ofSeconds(30)).until(() -> window.text("engine-state").equals("Running"));

        window.robot().clickOn("Backups");
        await().atMost(Duration.ofSeconds(10)).until(() -> window.shown("backups-table")
                && WindowProbe.onFx(() -> !window.<Button>node("backups-full").orElseThrow().isDisabled()));
        window.robot().clickOn("#backups-full");

        await().atMost(Duration.ofSeconds(30)).until(() -> engine.get().backups().list().size() == 1);
        String id = engine.get().backups().list().stream().map(BackupListing::id).findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> cellShows(id));
        assertThat(window.text("backups-status")).startsWith("Backup " + id + " taken (full): 50 rows in 1 tables");

        window.robot().clickOn(window.robot().lookup((Node n) -> n instanceof TableCell<?, ?> c && id.equals(c.getText()))
                .<Node>query());
        await().atMost(Duration.ofSeconds(5)).until(() -> window.text("backups-selection").equals("Selected: " + id + " (full)"));
        EngineSql.execute(engine.get(), "DELETE FROM notes WHERE id > 20", "UPDATE notes SET body = 'changed' WHERE id = 1");

        window.robot().clickOn("#backups-restore");
        await().atMost(Duration.ofSeconds(15)).until(() -> WindowProbe.onFx(() -> window.robot()
                .lookup((Node n) -> n instanceof Button b && ("Restore " + id).equals(b.getText())).tryQuery().isPresent()));
        window.robot().clickOn(window.robot().lookup((Node n) -> n instanceof Button b && ("Restore " + id).equals(b.getText()))
                .<Node>query());

        await().atMost(Duration.ofSeconds(30)).until(() -> window.text("backups-status").startsWith("Restored " + id));
        assertThat(window.text("backups-status")).contains("The rows it replaced are saved as backup full-");
        assertThat(EngineSql.rows(engine.get(), "", "SELECT count(*), min(body) FROM notes"))
                .as("every note back as it was").containsExactly(" 50 note 1");
        List<BackupListing> listed = engine.get().backups().list();
        assertThat(listed).as("the backup and the safety backup").hasSize(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> cellShows(listed.get(0).id()));
    }
}
