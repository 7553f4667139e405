package dev.scaledeck.embedded;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleFleetTest {

    private SampleFleet fleet;

    @BeforeEach
    void newFleet() {
        fleet = new SampleFleet(SeededDatabase.pool());
    }

    @AfterEach
    void closeFleet() {
        fleet.close();
    }

    @Test
    void shouldStartInstancesWithNumberedIdsOnTheirOwnPorts() throws IOException {
        SampleInstance first = fleet.add();
        SampleInstance second = fleet.add();

        assertThat(fleet.instances()).extracting(SampleInstance::id).containsExactly("sample-1", "sample-2");
        assertThat(first.url()).isNotEqualTo(second.url());
        assertThat(first.running()).isTrue();
        assertThat(second.running()).isTrue();
    }

    @Test
    void shouldStopARemovedInstanceAndNeverReuseItsId() throws IOException {
        SampleInstance first = fleet.add();
        fleet.add();

        boolean removed = fleet.remove("sample-1");
        SampleInstance third = fleet.add();

        assertThat(removed).isTrue();
        assertThat(first.running()).isFalse();
        assertThat(third.id()).isEqualTo("sample-3");
        assertThat(fleet.instances()).extracting(SampleInstance::id).containsExactly("sample-2", "sample-3");
    }

    @Test
    void shouldStopAnInstanceAndRestartItAtTheSameAddress() throws Exception {
        SampleInstance first = fleet.add();
        java.net.URI address = first.url();
        LocalPlatform platform = new LocalPlatform(fleet);

        platform.stop("sample-1");
        assertThat(first.running()).isFalse();
        assertThat(fleet.instances()).isEmpty();
        assertThat(platform.instances()).singleElement().satisfies(i -> {
            assertThat(i.running()).isFalse();
            assertThat(i.url()).isEqualTo(address);
        });
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest health = java.net.http.HttpRequest.newBuilder(address.resolve("/health")).build();
        assertThatThrownBy(() -> http.send(health, java.net.http.HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(java.net.ConnectException.class);

        platform.start("sample-1");
        assertThat(fleet.instances()).singleElement().satisfies(i -> assertThat(i.url()).isEqualTo(address));
        assertThat(http.send(health, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        assertThat(platform.instances()).singleElement().satisfies(i -> assertThat(i.running()).isTrue());
    }

    @Test
    void shouldNameTheKnownInstancesWhenStoppingOrRestartingAnUnknownOne() throws IOException {
        fleet.add();
        assertThatThrownBy(() -> fleet.stop("sample-9")).hasMessage("no running sample instance 'sample-9'; running: [sample-1]");
        assertThatThrownBy(() -> fleet.restart("sample-1")).hasMessage("no stopped sample instance 'sample-1'; stopped: []");
    }

    @Test
    void shouldAnswerFalseWhenRemovingAnUnknownInstance() {
        assertThat(fleet.remove("sample-42")).isFalse();
    }

    @Test
    void shouldTellListenersTheInstancesAfterEachChangeEvenWhenOneListenerFails() throws IOException {
        List<List<String>> seen = new CopyOnWriteArrayList<>();
        fleet.addListener(instances -> {
            throw new IllegalStateException("a broken listener");
        });
        fleet.addListener(instances -> seen.add(instances.stream().map(SampleInstance::id).toList()));

        fleet.add();
        fleet.add();
        fleet.remove("sample-1");
        fleet.remove("sample-1");

        assertThat(seen).containsExactly(List.of("sample-1"), List.of("sample-1", "sample-2"), List.of("sample-2"));
    }

    @Test
    void shouldStopEveryInstanceOnCloseAndRefuseNewOnes() throws IOException {
        SampleInstance first = fleet.add();
        SampleInstance second = fleet.add();

        fleet.close();
        fleet.close();

        assertThat(first.running()).isFalse();
        assertThat(second.running()).isFalse();
        assertThat(fleet.instances()).isEmpty();
        assertThatThrownBy(fleet::add).isInstanceOf(IllegalStateException.class).hasMessage("sample fleet is closed");
    }
}
