package dev.scaledeck.engine;

/** A running engine and the environment under it; closing it stops both, engine first. */
public interface LaunchedEngine extends AutoCloseable {

    ScalingEngine engine();

    /** One line saying what the engine runs on, for the status bar and logs (no secrets). */
    String description();

    @Override
    void close();
}
