package dev.scaledeck.ui.shell;

import dev.scaledeck.ui.common.CurrentThreadTaskExecutor;
import dev.scaledeck.ui.fixtures.RecordingDialogService;
import dev.scaledeck.ui.loadtest.LoadTestsViewModel;
import dev.scaledeck.ui.recovery.RecoveryViewModel;
import dev.scaledeck.ui.scaling.ScalingViewModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The navigation: DESIGN's order, and one section per title. */
class SectionsTest {

    @Test
    void shouldListTheSectionsInTheOrderOfTheDesign() {
        assertThat(Sections.TITLES).containsExactly("Overview", "Pool", "Balancer", "Scaling", "Health", "Load tests",
                "Backups", "Disaster recovery");
    }

    @Test
    void shouldBuildOneSectionPerTitleWithTheScalingViewModelBetweenBalancerAndHealth() {
        var sections = Sections.standard(new CurrentThreadTaskExecutor(), new RecordingDialogService(false));

        assertThat(sections).extracting(Section::title).containsExactlyElementsOf(Sections.TITLES);
        assertThat(sections.get(Sections.TITLES.indexOf("Scaling")).viewModel()).isInstanceOf(ScalingViewModel.class);
        assertThat(sections.get(Sections.TITLES.indexOf("Load tests")).viewModel())
                .isInstanceOf(LoadTestsViewModel.class);
        assertThat(sections.get(Sections.TITLES.indexOf("Disaster recovery")).viewModel())
                .isInstanceOf(RecoveryViewModel.class);
    }

    @Test
    void shouldFindASectionWhateverTheCase() {
        assertThat(Sections.find(" scaling ")).contains("Scaling");
        assertThat(Sections.find("Billing")).isEmpty();
    }
}
