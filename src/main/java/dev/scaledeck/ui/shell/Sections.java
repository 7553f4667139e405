package dev.scaledeck.ui.shell;

import dev.scaledeck.ui.backup.BackupsView;
import dev.scaledeck.ui.backup.BackupsViewModel;
import dev.scaledeck.ui.balancer.BalancerView;
import dev.scaledeck.ui.balancer.BalancerViewModel;
import dev.scaledeck.ui.common.DesktopBrowser;
import dev.scaledeck.ui.common.DialogService;
import dev.scaledeck.ui.common.TaskExecutor;
import dev.scaledeck.ui.health.HealthView;
import dev.scaledeck.ui.health.HealthViewModel;
import dev.scaledeck.ui.loadtest.LoadTestsView;
import dev.scaledeck.ui.loadtest.LoadTestsViewModel;
import dev.scaledeck.ui.overview.OverviewView;
import dev.scaledeck.ui.overview.OverviewViewModel;
import dev.scaledeck.ui.pool.PoolView;
import dev.scaledeck.ui.pool.PoolViewModel;
import dev.scaledeck.ui.recovery.RecoveryView;
import dev.scaledeck.ui.recovery.RecoveryViewModel;
import dev.scaledeck.ui.scaling.ScalingView;
import dev.scaledeck.ui.scaling.ScalingViewModel;

import java.util.List;

/** The window's sections, in navigation order. Adding a section is one line here. */
public final class Sections {

    /** Every section's title, in navigation order. */
    public static final List<String> TITLES = List.of("Overview", "Pool", "Balancer", "Scaling", "Health",
            "Load tests", "Backups", "Disaster recovery");

    private Sections() {
    }

    /**
     * The view models are created when the engine starts, not before the window's first frame.
     *
     * @param tasks   for view models that run long commands
     * @param dialogs for view models that confirm dangerous actions or report failures
     */
    public static List<Section<?>> standard(TaskExecutor tasks, DialogService dialogs) {
        // Lambdas rather than method references: a reference loads its class when the list is
        // built, a lambda only when it runs.
        return List.of(
                Section.lazy(TITLES.get(0), () -> new OverviewViewModel(), vm -> new OverviewView(vm)),
                Section.lazy(TITLES.get(1), () -> new PoolViewModel(), vm -> new PoolView(vm)),
                Section.lazy(TITLES.get(2), () -> new BalancerViewModel(tasks, dialogs), vm -> new BalancerView(vm)),
                Section.lazy(TITLES.get(3), () -> new ScalingViewModel(tasks, dialogs), vm -> new ScalingView(vm)),
                Section.lazy(TITLES.get(4), () -> new HealthViewModel(tasks, dialogs), vm -> new HealthView(vm)),
                Section.lazy(TITLES.get(5), () -> new LoadTestsViewModel(tasks, new DesktopBrowser()),
                        vm -> new LoadTestsView(vm)),
                Section.lazy(TITLES.get(6), () -> new BackupsViewModel(tasks, dialogs), vm -> new BackupsView(vm)),
                Section.lazy(TITLES.get(7), () -> new RecoveryViewModel(tasks, dialogs), vm -> new RecoveryView(vm)));
    }

    /** The title as spelled in {@link #TITLES}, matched without regard to case. */
    public static java.util.Optional<String> find(String title) {
        return TITLES.stream().filter(t -> t.equalsIgnoreCase(title.trim())).findFirst();
    }
}
