package dev.scaledeck.ui;

import dev.scaledeck.engine.ScalingEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a window test of one section shares: a data directory, the probe that reads the window,
 * the engine the launcher started, and the window, closed after each test.
 */
abstract class SectionWindowIT {

    @TempDir
    Path home;
    final WindowProbe window = new WindowProbe();
    final AtomicReference<ScalingEngine> engine = new AtomicReference<>();
    TestWindow opened;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void closeWindow() throws Exception {
        if (opened != null) {
            opened.close();
        }
    }
}
