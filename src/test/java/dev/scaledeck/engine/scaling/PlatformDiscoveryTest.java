package dev.scaledeck.engine.scaling;

import dev.scaledeck.engine.scaling.platform.PlatformInstance;
import dev.scaledeck.engine.scaling.platform.ReplicaStatus;
import dev.scaledeck.engine.scaling.platform.ScalingPlatform;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformDiscoveryTest {

    private final List<PlatformInstance> listed = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();
    private final PlatformDiscovery discovery = new PlatformDiscovery(new Listed(),
            spec -> calls.add("add " + spec.id() + " " + spec.url()),
            id -> {
                calls.add("remove " + id);
                return CompletableFuture.completedFuture(null);
            });

    @Test
    void shouldAddRunningInstancesRemoveGoneOnesAndKeepOnesThatStopBeingReady() {
        listed.add(new PlatformInstance("web-a", URI.create("http://127.0.0.1:8001"), true));
        listed.add(new PlatformInstance("web-b", URI.create("http://web-b.no-pod-ip.invalid:8080"), false));
        discovery.sync();
        assertThat(calls).containsExactly("add web-a http://127.0.0.1:8001");

        listed.set(1, new PlatformInstance("web-b", URI.create("http://127.0.0.1:8002"), true));
        listed.set(0, new PlatformInstance("web-a", URI.create("http://127.0.0.1:8001"), false));
        discovery.sync();
        assertThat(calls).containsExactly("add web-a http://127.0.0.1:8001", "add web-b http://127.0.0.1:8002");

        listed.remove(0);
        discovery.sync();
        assertThat(calls).endsWith("remove web-a");
        assertThat(discovery.known()).containsExactly("web-b");
    }

    @Test
    void aNewAddressForTheSameIdShouldReplaceTheOldOneAfterItDrains() {
        listed.add(new PlatformInstance("web.1", URI.create("http://127.0.0.1:8001"), true));
        discovery.sync();
        listed.set(0, new PlatformInstance("web.1", URI.create("http://127.0.0.1:8009"), true));
        discovery.sync();

        assertThat(calls).containsExactly("add web.1 http://127.0.0.1:8001", "remove web.1",
                "add web.1 http://127.0.0.1:8009");
    }

    @Test
    void aPlatformThatCannotBeReadShouldChangeNothing() {
        listed.add(new PlatformInstance("web-a", URI.create("http://127.0.0.1:8001"), true));
        discovery.sync();
        failing = true;
        discovery.sync();

        assertThat(calls).containsExactly("add web-a http://127.0.0.1:8001");
        assertThat(discovery.known()).containsExactly("web-a");
    }

    private boolean failing;

    private final class Listed implements ScalingPlatform {
        @Override
        public String name() {
            return "listed";
        }

        @Override
        public String target() {
            return "a list";
        }

        @Override
        public List<PlatformInstance> instances() {
            if (failing) {
                throw new IllegalStateException("api server down");
            }
            return List.copyOf(listed);
        }

        @Override
        public ReplicaStatus replicas() {
            return new ReplicaStatus(listed.size(), listed.size());
        }

        @Override
        public void scaleTo(int replicas) {
            throw new UnsupportedOperationException();
        }
    }
}
