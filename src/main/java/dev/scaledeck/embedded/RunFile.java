package dev.scaledeck.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaledeck.engine.config.InstanceSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code SCALEDECK_HOME/run/instances.json}: the sample instances the process that owns the
 * embedded environment is running, so that a second ScaleDeck process (a CLI next to the
 * window) reports and uses the same instances instead of starting its own. Written atomically;
 * ignored when the process that wrote it is gone. Thread-safe (stateless).
 */
final class RunFile {

    private static final Logger LOG = LoggerFactory.getLogger(RunFile.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunFile() {
    }

    static Path path(Path home) {
        return home.resolve("run").resolve("instances.json");
    }

    static void write(Path home, List<InstanceSpec> instances) {
        Path file = path(home);
        try {
            Files.createDirectories(file.getParent());
            List<Map<String, Object>> list = new ArrayList<>();
            for (InstanceSpec s : instances) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", s.id());
                m.put("url", s.url().toString());
                m.put("weight", s.weight());
                list.add(m);
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, JSON.writeValueAsBytes(Map.of("pid", ProcessHandle.current().pid(), "instances", list)));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.warn("Cannot write {} ({}); other ScaleDeck processes will not see these instances", file, e.getMessage());
        }
    }

    /** The instances of a live owner process, or empty when there is none. */
    static Optional<List<InstanceSpec>> read(Path home) {
        Path file = path(home);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            long pid = root.path("pid").asLong(-1);
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            if (!alive) {
                return Optional.empty();
            }
            List<InstanceSpec> specs = new ArrayList<>();
            for (JsonNode n : root.path("instances")) {
                specs.add(new InstanceSpec(n.path("id").asText(), URI.create(n.path("url").asText()),
                        n.path("weight").asInt(1)));
            }
            return Optional.of(List.copyOf(specs));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring unreadable {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    static void delete(Path home) {
        try {
            Files.deleteIfExists(path(home));
        } catch (IOException e) {
            LOG.debug("Cannot delete {}: {}", path(home), e.getMessage());
        }
    }
}
