package dev.scaledeck.embedded;

import dev.scaledeck.engine.EngineLauncher;
import dev.scaledeck.engine.LaunchedEngine;
import dev.scaledeck.engine.backup.ClusterFiles;
import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.config.InstanceSpec;
import dev.scaledeck.engine.config.ScalingConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Starts the engine on what the configuration names: the embedded PostgreSQL unless
 * {@code DATABASE_URL} is set, the sample converter instances unless
 * {@code LOAD_BALANCER_INSTANCES} is set, and light ambient traffic over the sample instances
 * when asked. A second process finds the first one's database and sample instances and uses
 * them instead of starting its own.
 */
public final class EnvironmentLauncher implements EngineLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentLauncher.class);

    private final ScalingConfig config;
    private final boolean longRunning;
    private final Clock clock;

    /** The first scheduled-backup check waits this long, so start-up is not burdened with a backup. */
    static final Duration FIRST_BACKUP_CHECK = Duration.ofMinutes(1);

    /**
     * @param longRunning the engine runs until the operator stops it (the window, not a one-shot
     *                    CLI command): send light background traffic to the sample instances
     *                    (moving charts), run the backup schedules and send alerts to the webhook
     */
    public EnvironmentLauncher(ScalingConfig config, boolean longRunning, Clock clock) {
        this.config = config;
        this.longRunning = longRunning;
        this.clock = clock;
    }

    @Override
    public LaunchedEngine launch(Consumer<String> progress) throws Exception {
        Environment env = new Environment(config.home());
        try {
            DatabaseUrl url;
            if (config.embeddedDatabase()) {
                env.database = EmbeddedDatabase.startOrReuse(config.home(), progress);
                url = env.database.url();
            } else {
                url = config.database().orElseThrow();
                progress.accept("Connecting to " + url.masked());
            }
            env.engine = ScalingEngine.start(config, url, config.instances(), clock);
            env.managedDatabase().ifPresent(env.engine.recovery()::useManagedDatabase);
            if (env.database != null) {
                env.engine.backups().useClusterFiles(new ClusterFiles(env.database.dataDirectory(), env.database.walArchive()));
            }
            if (env.database != null && env.database.owned()) {
                SampleSchema.ensure(env.engine.pool(), progress);
            }
            if (config.embeddedInstances()) {
                startOrFindSampleInstances(env, progress);
            }
            if (longRunning) {
                env.engine.backups().startSchedules(FIRST_BACKUP_CHECK);
                env.engine.autoScaler().start();
                env.engine.startNotifications();
            }
            progress.accept("Running");
            LOG.info("ScaleDeck running: {}", env.description());
            return env;
        } catch (Exception | Error e) {
            env.close();
            throw e;
        }
    }

    private void startOrFindSampleInstances(Environment env, Consumer<String> progress) throws Exception {
        Optional<List<InstanceSpec>> running = env.database != null && !env.database.owned()
                ? RunFile.read(config.home()) : Optional.empty();
        if (running.isPresent()) {
            progress.accept("Using the " + running.get().size() + " sample instance(s) of the ScaleDeck process already running");
            running.get().forEach(env.engine::addInstance);
            env.engine.autoScaler().explainMissingPlatform("the sample instances belong to the ScaleDeck process "
                    + "already running; its auto-scaler and its window's Scaling view act on them");
            return;
        }
        int n = config.embedded().sampleInstances();
        progress.accept("Starting " + n + " sample converter instance(s)");
        env.fleet = new SampleFleet(env.engine::pool, config.embedded().serviceTime());
        env.serviceTime = config.embedded().serviceTime();
        env.platform = new LocalPlatform(env.fleet, env.engine::removeInstance);
        boolean publish = env.database != null && env.database.owned();
        env.fleet.addListener(runningNow -> env.syncInstances(env.platform.instances(), publish));
        for (int i = 0; i < n; i++) {
            env.fleet.add();
        }
        env.engine.usePlatform(env.platform);
        if (longRunning && env.database != null) {
            var cluster = env.engine.cluster();
            env.ambient = AmbientTraffic.through(config.embedded().ambientRate(), (method, path, body) ->
                    cluster.sendAsync(method, path, body, java.time.Duration.ofSeconds(5))
                            .thenApply(dev.scaledeck.engine.balancer.BalancedResponse::statusCode));
            env.ambient.start();
        }
    }
}
