package dev.scaledeck.ui.scaling;

import dev.scaledeck.engine.LaunchedEngine;
import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.balancer.InstanceState;
import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.scaling.Metric;
import dev.scaledeck.engine.scaling.PolicyKind;
import dev.scaledeck.engine.scaling.ScalingAction;
import dev.scaledeck.engine.scaling.ScalingDecision;
import dev.scaledeck.engine.scaling.ScalingMode;
import dev.scaledeck.engine.scaling.ScalingRules;
import dev.scaledeck.engine.scaling.platform.PlatformInstance;
import dev.scaledeck.engine.scaling.platform.ReplicaStatus;
import dev.scaledeck.engine.scaling.platform.ScalingPlatform;
import dev.scaledeck.ui.common.CurrentThreadTaskExecutor;
import dev.scaledeck.ui.common.DatabaseStatus;
import dev.scaledeck.ui.common.EngineSnapshot;
import dev.scaledeck.ui.common.StatusLine;
import dev.scaledeck.ui.common.StatusStyles;
import dev.scaledeck.ui.fixtures.RecordingDialogService;
import dev.scaledeck.ui.fixtures.TestEngines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Scaling view model on the embedded environment: a real engine whose three sample
 * instances run on the local platform, with the auto-scaler in recommend mode; no toolkit.
 */
class ScalingViewModelTest {

    @TempDir
    static Path home;
    private static LaunchedEngine launched;
    private static ScalingEngine engine;
    private static ScalingRules configured;
    private final RecordingDialogService dialogs = new RecordingDialogService(true);
    private final ScalingViewModel vm = new ScalingViewModel(new CurrentThreadTaskExecutor(), dialogs, ZoneOffset.UTC);

    @BeforeAll
    static void startTheEmbeddedEnvironment() throws Exception {
        launched = TestEngines.local(home, 3, Map.of("SCALEDECK_SCALING_MODE", "recommend",
                "SCALEDECK_SCALING_WARMUP", "0s"));
        engine = launched.engine();
        configured = engine.autoScaler().rules();
        await().atMost(Duration.ofSeconds(20)).until(() -> engine.instances().snapshot().size() == 3
                && engine.instances().snapshot().stream().allMatch(s -> s.state() == InstanceState.UP
                && s.utilization() >= 0));
    }

    @AfterAll
    static void stop() {
        launched.close();
    }

    @AfterEach
    void putTheAutoScalerBack() {
        engine.autoScaler().setMode(ScalingMode.RECOMMEND);
        engine.autoScaler().useRules(configured);
        if (engine.platform().orElseThrow().replicas().desired() != 3) {
            engine.autoScaler().scaleTo(3, "test cleanup");
        }
    }

    private static EngineSnapshot snapshot() {
        return EngineSnapshot.take(engine, DatabaseStatus.REACHABLE);
    }

    private void started() {
        vm.engineStarted(engine);
        vm.update(snapshot());
    }

    @Test
    void shouldSayWhereTheInstancesRunWhatThePolicyIsAndShowEachDecisionNewestFirst() {
        started();
        assertThat(vm.platformTextProperty().get())
                .isEqualTo("local — the embedded sample instances · 3 replicas, 3 ready");
        assertThat(vm.policyTextProperty().get()).startsWith("threshold: up when any of cpu > 80 %")
                .endsWith("· 1..10 instances · cooldown 5m");
        assertThat(vm.modeTextProperty().get()).startsWith("recommend: the auto-scaler only says what it would do");
        assertThat(vm.autoApplyProperty().get()).isFalse();

        ScalingDecision first = engine.autoScaler().evaluateNow();
        vm.update(snapshot());
        ScalingDecision second = engine.autoScaler().evaluateNow();
        vm.update(snapshot());

        assertThat(vm.log().rows()).hasSizeGreaterThanOrEqualTo(2);
        DecisionRow newest = vm.log().rows().get(0);
        assertThat(newest.reason()).isEqualTo(second.reason());
        assertThat(newest.change()).isEqualTo("3 → " + second.desired());
        assertThat(newest.action()).isEqualTo(ScalingTexts.action(second.action()));
        assertThat(newest.actionStyle()).isEqualTo(StatusStyles.of(second.action()));
        assertThat(vm.log().rows().get(1).reason()).isEqualTo(first.reason());
        assertThat(vm.latestDecisionProperty().get().text()).endsWith(second.summary()
                + (second.changes() ? " (recommended)" : ""));
        assertThat(vm.summaryProperty().get())
                .startsWith("local: 3 replicas, 3 ready · recommend mode · threshold policy");
    }

    @Test
    void shouldLogDecisionsMadeBeforeTheWindowOpenedAndKeepTheSelectedOneAsNewOnesArrive() {
        engine.autoScaler().evaluateNow();
        engine.autoScaler().evaluateNow();
        int before = engine.autoScaler().decisions().size();
        started();
        assertThat(vm.log().rows()).hasSize(Math.min(before, DecisionLog.ROWS));
        DecisionRow picked = vm.log().rows().get(1);
        vm.log().selectedProperty().set(picked);

        ScalingDecision next = engine.autoScaler().evaluateNow();
        vm.update(snapshot());

        assertThat(vm.log().rows()).hasSize(Math.min(before + 1, DecisionLog.ROWS));
        assertThat(vm.log().rows().get(0).reason()).isEqualTo(next.reason());
        assertThat(vm.log().rows().get(2)).isSameAs(picked);
        assertThat(vm.log().selectedProperty().get()).isSameAs(picked);
        assertThat(vm.log().selectedReasonProperty().get()).isEqualTo(picked.time() + " · " + picked.action() + " · "
                + picked.reason());
    }

    @Test
    void shouldShowEachMetricAgainstItsThresholdsAndChartItPerEvaluation() {
        started();
        ScalingDecision decision = engine.autoScaler().evaluateNow();
        vm.update(snapshot());

        double cpu = decision.metrics().get(Metric.CPU);
        MetricPanel panel = vm.metric(Metric.CPU);
        assertThat(panel.valueProperty().get()).isEqualTo(Metric.CPU.format(cpu));
        assertThat(panel.upLineProperty().get()).isEqualTo("scale up > 80 %");
        assertThat(panel.downLineProperty().get()).isEqualTo("down < 30 %");
        assertThat(panel.verdictProperty().get()).isEqualTo(cpu < 30
                ? new StatusLine("below the scale-down threshold", StatusStyles.SCALING_DOWN)
                : StatusLine.good("within thresholds"));
        assertThat(panel.chart().seriesNames()).containsExactly(MetricPanel.AVERAGE, MetricPanel.SCALE_UP,
                MetricPanel.SCALE_DOWN);
        assertThat(panel.chart().latest(MetricPanel.AVERAGE)).isEqualTo(cpu);
        assertThat(panel.chart().latest(MetricPanel.SCALE_UP)).isEqualTo(80);
        assertThat(panel.chart().latest(MetricPanel.SCALE_DOWN)).isEqualTo(30);
        int points = panel.chart().size();
        vm.update(snapshot());
        assertThat(panel.chart().size()).as("one point per evaluation, not per tick").isEqualTo(points);

        for (Metric m : Metric.values()) {
            Double v = decision.metrics().get(m);
            assertThat(vm.metric(m).valueProperty().get()).as(m.label())
                    .isEqualTo(v == null ? "not reported" : m.format(v));
            assertThat(vm.metric(m).chart().size()).as(m.label()).isEqualTo(v == null ? 0 : points);
        }
        assertThat(vm.replicasChart().latest(ScalingViewModel.CURRENT)).isEqualTo(3);
        assertThat(vm.replicasChart().latest(ScalingViewModel.READY)).isEqualTo(3);
        assertThat(vm.replicasChart().latest(ScalingViewModel.DESIRED)).isEqualTo(decision.desired());
    }

    @Test
    void shouldWaitForTheFirstEvaluationRatherThanCallTheMetricsUnreported() {
        MetricPanel cpu = new MetricPanel(Metric.CPU);

        cpu.update(configured, List.of(), null);

        assertThat(cpu.valueProperty().get()).isEqualTo("—");
        assertThat(cpu.verdictProperty().get().text()).isEqualTo("waiting for the first evaluation");
        assertThat(cpu.upLineProperty().get()).isEqualTo("scale up > 80 %");
    }

    @Test
    void shouldSayAMetricNobodyReportsIsNotReportedAndLeaveItsChartEmpty() {
        MetricPanel memory = new MetricPanel(Metric.MEMORY);
        ScalingDecision withoutMemory = new ScalingDecision(Instant.now(), 3, 3, 3,
                ScalingAction.NO_CHANGE, Map.of(Metric.CPU, 12.0), "within thresholds: cpu 12 %",
                ScalingMode.RECOMMEND, false);

        memory.update(configured, List.of(withoutMemory), null);

        assertThat(memory.valueProperty().get()).isEqualTo("not reported");
        assertThat(memory.verdictProperty().get()).isEqualTo(new StatusLine("no ready instance reports it",
                StatusStyles.UNKNOWN));
        assertThat(memory.upLineProperty().get()).isEqualTo("scale up > 85 %");
        assertThat(memory.chart().size()).isZero();
    }

    @Test
    void shouldKeepShowingTheLastEvaluationsMetricsAfterAScaleByHand() {
        java.time.Instant t = Instant.parse("2026-01-01T10:00:00Z");
        ScalingDecision evaluated = new ScalingDecision(t, 3, 3, 3, ScalingAction.NO_CHANGE,
                Map.of(Metric.CPU, 40.0), "within thresholds: cpu 40 %", ScalingMode.APPLY, false);
        ScalingDecision byHand = new ScalingDecision(t.plusSeconds(3), 3, 3, 5,
                ScalingAction.SCALE_UP, Map.of(), "operator (window) asked for 5",
                ScalingMode.APPLY, true);
        ScalingDecision blind = new ScalingDecision(t.plusSeconds(45), 5, 0, 5,
                ScalingAction.BLOCKED, Map.of(), "no ready instance reported metrics",
                ScalingMode.APPLY, false);

        assertThat(ScalingViewModel.latestAverages(List.of(evaluated, byHand), Duration.ofSeconds(15)))
                .isEqualTo(Map.of(Metric.CPU, 40.0));
        assertThat(ScalingViewModel.latestAverages(List.of(evaluated, byHand, blind), Duration.ofSeconds(15)))
                .as("an evaluation that saw nothing for two intervals").isEmpty();
    }

    @Test
    void shouldSwitchTheAutoScalersModeAndFollowASwitchMadeElsewhere() {
        started();
        assertThat(vm.canSwitchModeProperty().get()).isTrue();

        vm.autoApplyProperty().set(true);

        assertThat(engine.autoScaler().mode()).isEqualTo(ScalingMode.APPLY);
        assertThat(engine.journal().recent(5)).extracting(EngineEvent::message)
                .contains("Auto-scaler now applies its decisions");
        assertThat(vm.actionStatusProperty().get().text()).startsWith("Auto-apply on");

        vm.autoApplyProperty().set(false);
        assertThat(engine.autoScaler().mode()).isEqualTo(ScalingMode.RECOMMEND);

        engine.autoScaler().setMode(ScalingMode.APPLY);
        vm.update(snapshot());
        assertThat(vm.autoApplyProperty().get()).isTrue();
        assertThat(vm.modeTextProperty().get()).startsWith("apply: the auto-scaler changes the replica count itself");
    }

    @Test
    void shouldNameTheBadSettingAndLeaveTheEnginesRulesAloneWhenThePolicyIsInvalid() {
        started();
        PolicyEditorViewModel editor = vm.policyEditor();
        assertThat(editor.upProperty(Metric.CPU).get()).isEqualTo("80");
        assertThat(editor.cooldownProperty().get()).isEqualTo("5m");
        assertThat(editor.messageProperty().get().text()).isEqualTo("These are the rules in force.");
        assertThat(editor.canApplyProperty().get()).isFalse();

        editor.upProperty(Metric.CPU).set("20");
        assertThat(editor.messageProperty().get())
                .isEqualTo(StatusLine.bad("scaling.scaleDown.cpu (30) must be below scaling.scaleUp.cpu (20)"));
        assertThat(editor.canApplyProperty().get()).isFalse();
        editor.apply();
        assertThat(engine.autoScaler().rules()).isEqualTo(configured);

        editor.upProperty(Metric.CPU).set("80");
        editor.cooldownProperty().set("five minutes");
        assertThat(editor.messageProperty().get().text())
                .isEqualTo("scaling.cooldown must be a duration such as 500ms, 30s, 5m or 2h, not 'five minutes'");
        editor.cooldownProperty().set("5m");
        editor.minInstancesProperty().set("12");
        assertThat(editor.messageProperty().get().text())
                .isEqualTo("scaling.minInstances (12) must not exceed scaling.maxInstances (10)");
        editor.kindProperty().set(PolicyKind.TARGET_TRACKING);
        editor.minInstancesProperty().set("1");
        editor.targetsProperty().set("cpu=150");
        assertThat(editor.messageProperty().get().text())
                .isEqualTo("scaling.targets: the target for cpu is a percentage, at most 100, but was 150.0");
        assertThat(editor.canApplyProperty().get()).isFalse();

        vm.update(snapshot());
        assertThat(editor.targetsProperty().get()).as("a snapshot does not undo the operator's edits").isEqualTo("cpu=150");
        assertThat(engine.autoScaler().rules()).isEqualTo(configured);
    }

    @Test
    void shouldApplyAValidPolicyToTheAutoScaler() {
        started();
        PolicyEditorViewModel editor = vm.policyEditor();

        editor.kindProperty().set(PolicyKind.TARGET_TRACKING);
        editor.targetsProperty().set("cpu=60, response-time=400");
        editor.toleranceProperty().set("15");
        editor.maxInstancesProperty().set("6");
        editor.cooldownProperty().set("30s");
        editor.warmupProperty().set("10s");
        assertThat(editor.messageProperty().get().text())
                .isEqualTo("Apply to use target tracking: hold cpu 60 %, response time 400 ms per instance, tolerance 15 %");
        assertThat(editor.canApplyProperty().get()).isTrue();

        editor.apply();

        ScalingRules now = engine.autoScaler().rules();
        assertThat(now.policy()).isEqualTo(PolicyKind.TARGET_TRACKING);
        assertThat(now.targets()).isEqualTo(Map.of(Metric.CPU, 60.0, Metric.RESPONSE_TIME, 400.0));
        assertThat(now.tolerancePercent()).isEqualTo(15);
        assertThat(now.maxInstances()).isEqualTo(6);
        assertThat(now.cooldown()).isEqualTo(Duration.ofSeconds(30));
        assertThat(now.warmup()).isEqualTo(Duration.ofSeconds(10));
        assertThat(now.scaleDownStabilization()).isEqualTo(configured.scaleDownStabilization());
        assertThat(now.sustainSamples()).as("a field the form does not show").isEqualTo(configured.sustainSamples());
        assertThat(editor.statusProperty().get().style()).isEqualTo(StatusStyles.GOOD);
        assertThat(editor.canApplyProperty().get()).isFalse();
        assertThat(engine.journal().recent(5)).extracting(EngineEvent::message)
                .anyMatch(m -> m.startsWith("Scaling policy now target tracking: hold cpu 60 %"));

        vm.update(snapshot());
        assertThat(vm.policyTextProperty().get()).startsWith("target tracking: hold cpu 60 %");
        assertThat(vm.metric(Metric.CPU).upLineProperty().get()).isEqualTo("target 60 % ± 15 %");
        assertThat(vm.metric(Metric.CPU).downLineProperty().get()).isEmpty();
        assertThat(vm.metric(Metric.MEMORY).upLineProperty().get()).isEqualTo("no target: the policy ignores it");
        assertThat(vm.metric(Metric.CPU).chart().seriesNames()).containsExactly(MetricPanel.AVERAGE, MetricPanel.TARGET);
    }

    @Test
    void shouldValidateTheReplicaCountAsItIsTyped() {
        started();
        assertThat(vm.canScaleToProperty().get()).as("nothing typed").isFalse();
        assertThat(vm.scaleToMessageProperty().get().text()).isEmpty();

        for (String bad : new String[] {"abc", "-1", "1001", "2.5"}) {
            vm.scaleToTextProperty().set(bad);
            assertThat(vm.canScaleToProperty().get()).as(bad).isFalse();
            assertThat(vm.scaleToMessageProperty().get())
                    .isEqualTo(StatusLine.bad("Type a whole number of replicas from 0 to 1000, not '" + bad + "'"));
        }

        vm.scaleToTextProperty().set(" 4 ");
        assertThat(vm.canScaleToProperty().get()).isTrue();
        assertThat(vm.scaleToMessageProperty().get().text()).isEmpty();
    }

    @Test
    void shouldChangeNothingWhenTheOperatorDeclinesTheScale() {
        started();
        dialogs.answer(false);
        vm.scaleToTextProperty().set("4");

        vm.scaleTo();

        assertThat(dialogs.questions()).hasSize(1);
        assertThat(dialogs.questions().get(0).message()).isEqualTo("Scale the embedded sample instances from 3 to 4?"
                + " The auto-scaler only recommends, so the count stays at 4 until someone changes it.");
        assertThat(engine.platform().orElseThrow().replicas().desired()).isEqualTo(3);
        assertThat(vm.actionStatusProperty().get().text()).isEqualTo("Scale to 4 cancelled: nothing changed");
    }

    @Test
    void shouldScaleTheLocalPlatformOnceConfirmedAndShowTheNewCount() {
        engine.autoScaler().setMode(ScalingMode.APPLY);
        started();
        vm.scaleToTextProperty().set("4");

        vm.scaleTo();

        assertThat(dialogs.questions().get(0).message()).isEqualTo("Scale the embedded sample instances from 3 to 4?"
                + " The auto-scaler in apply mode may move it back after the cooldown.");
        assertThat(dialogs.questions().get(0).confirmLabel()).isEqualTo("Scale to 4");
        assertThat(engine.platform().orElseThrow().replicas().desired()).isEqualTo(4);
        assertThat(vm.actionStatusProperty().get())
                .isEqualTo(StatusLine.good("Scaled the embedded sample instances from 3 to 4"));
        vm.update(snapshot());
        assertThat(vm.platformTextProperty().get()).startsWith("local — the embedded sample instances · 4 replicas");
        DecisionRow newest = vm.log().rows().get(0);
        assertThat(newest.change()).isEqualTo("3 → 4");
        assertThat(newest.action()).isEqualTo("scale up");
        assertThat(newest.outcome()).isEqualTo("applied");
        assertThat(newest.reason()).isEqualTo(ScalingViewModel.WHO + " asked for 4");
        assertThat(vm.replicasChart().latest(ScalingViewModel.CURRENT)).isEqualTo(4);
        assertThat(vm.modeTextProperty().get()).contains("cooldown until");
    }

    @Test
    void shouldShowTheConnectionBudgetsRefusalAndLeaveTheCountAsItWas() {
        started();
        vm.scaleToTextProperty().set("500");

        vm.scaleTo();

        assertThat(engine.platform().orElseThrow().replicas().desired()).isEqualTo(3);
        StatusLine status = vm.actionStatusProperty().get();
        assertThat(status.style()).isEqualTo(StatusStyles.BAD);
        assertThat(status.text()).startsWith("Could not scale to 500: refused by the connection budget: 500 x 20 "
                + "connections = 10000 > ");
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.canScaleToProperty().get()).as("the operator can try another count").isTrue();
    }

    @Test
    void shouldSayPlainlyWhenThePlatformScalesByItself(@TempDir Path otherHome) {
        try (ScalingEngine watching = TestEngines.start(otherHome)) {
            watching.usePlatform(new SelfScalingPlatform());
            vm.engineStarted(watching);
            vm.update(EngineSnapshot.take(watching, DatabaseStatus.REACHABLE));
            vm.scaleToTextProperty().set("2");

            assertThat(vm.platformTextProperty().get()).isEqualTo("vercel — the n8n-converter functions. "
                    + SelfScalingPlatform.SENTENCE);
            assertThat(vm.summaryProperty().get()).startsWith("vercel (scales by itself)");
            assertThat(vm.canScaleToProperty().get()).isFalse();
            assertThat(vm.canSwitchModeProperty().get()).isFalse();
            assertThat(vm.scaleToMessageProperty().get().text())
                    .isEqualTo("Scaling by hand is off: " + SelfScalingPlatform.SENTENCE);
        }
    }

    /** A platform that takes no replica count, as Vercel. */
    private static final class SelfScalingPlatform implements ScalingPlatform {
        static final String SENTENCE = "Vercel scales functions by itself; ScaleDeck only watches them.";

        @Override
        public String name() {
            return "vercel";
        }

        @Override
        public String target() {
            return "the n8n-converter functions";
        }

        @Override
        public List<PlatformInstance> instances() {
            return List.of();
        }

        @Override
        public ReplicaStatus replicas() {
            throw new UnsupportedOperationException("vercel has no replica count");
        }

        @Override
        public void scaleTo(int replicas) {
            throw new UnsupportedOperationException(SENTENCE);
        }

        @Override
        public Optional<String> managedScaling() {
            return Optional.of(SENTENCE);
        }
    }

    @Test
    void shouldSayPlainlyThatNothingCanBeScaledWithoutAPlatform(@TempDir Path otherHome) {
        try (ScalingEngine watching = TestEngines.start(otherHome)) {
            vm.engineStarted(watching);
            vm.update(EngineSnapshot.take(watching, DatabaseStatus.REACHABLE));
            vm.scaleToTextProperty().set("2");

            String expected = "No scaling platform is configured; ScaleDeck only watches these instances.";
            assertThat(vm.platformTextProperty().get()).isEqualTo(expected);
            assertThat(vm.summaryProperty().get()).startsWith("no platform (watching only)");
            assertThat(vm.canScaleToProperty().get()).isFalse();
            assertThat(vm.canSwitchModeProperty().get()).isFalse();
            assertThat(vm.scaleToMessageProperty().get().text()).isEqualTo(expected);
            assertThat(vm.latestDecisionProperty().get().text())
                    .isEqualTo("No decision yet: the auto-scaler evaluates every 15s");
        }
    }

    @Test
    void whatIfShouldReplayTheRecentEvaluationsThroughThePolicyInTheEditor() {
        started();
        for (int i = 0; i < 3; i++) {
            engine.autoScaler().evaluateNow();
        }
        vm.update(snapshot());
        vm.policyEditor().kindProperty().set(PolicyKind.TARGET_TRACKING);
        vm.policyEditor().targetsProperty().set("cpu=50");

        vm.whatIf().run();

        assertThat(vm.whatIf().resultProperty().get().style()).isEqualTo(StatusLine.good("x").style());
        assertThat(vm.whatIf().resultProperty().get().text()).startsWith("Replayed the last ")
                .contains(" evaluations (").contains("instance-hours against");
        assertThat(vm.whatIf().chartProperty().get().size()).isGreaterThanOrEqualTo(3);
        assertThat(vm.whatIf().chartProperty().get().seriesNames())
                .containsExactly(WhatIfViewModel.RECORDED, WhatIfViewModel.WHAT_IF);
        assertThat(engine.autoScaler().rules()).as("a replay changes nothing").isEqualTo(configured);
    }

    @Test
    void whatIfShouldNameTheLineOfABadCsvAndRefuseAnInvalidPolicy(@TempDir Path dir) throws Exception {
        started();
        Path csv = dir.resolve("load.csv");
        java.nio.file.Files.writeString(csv, "time,cpu\n0,40\n15,x\n");
        vm.whatIf().csvPathProperty().set(csv.toString());

        vm.whatIf().run();
        assertThat(vm.whatIf().resultProperty().get().text()).isEqualTo("load.csv line 3, column cpu: 'x' is not a number");

        vm.policyEditor().minInstancesProperty().set("lots");
        vm.whatIf().run();
        assertThat(vm.whatIf().resultProperty().get().text()).startsWith("The policy in the editor is not valid");
    }

    @Test
    void theLogShouldHideNoChangeDecisionsWhenAskedSoChangesStandOut() {
        started();
        engine.autoScaler().evaluateNow();
        vm.update(snapshot());
        engine.autoScaler().scaleTo(4, "operator (test)");
        vm.update(snapshot());
        engine.autoScaler().evaluateNow();
        vm.update(snapshot());
        int all = vm.log().shown().size();

        vm.log().changesOnlyProperty().set(true);

        assertThat(vm.log().shown()).isNotEmpty().hasSizeLessThan(all)
                .noneMatch(r -> r.action().equals(ScalingTexts.action(ScalingAction.NO_CHANGE)))
                .anyMatch(r -> r.reason().equals("operator (test) asked for 4"));
        vm.log().changesOnlyProperty().set(false);
        assertThat(vm.log().shown()).hasSize(all);
        assertThat(vm.lastChangeProperty().get().text()).contains("3 -> 4 instances: operator (test) asked for 4 (applied)");
    }
}
