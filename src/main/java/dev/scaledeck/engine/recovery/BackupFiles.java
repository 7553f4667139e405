package dev.scaledeck.engine.recovery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of a backup directory (the repository with its base backups below it), for a drill
 * that moves the directory away and must put every file back. Stateless; thread-safe as far as
 * nothing else changes the directories meanwhile.
 */
final class BackupFiles {

    private BackupFiles() {
    }

    /** Every regular file below {@code directory}: path relative to it, to size. Empty when there is no directory. */
    static Map<Path, Long> sizes(Path directory) throws IOException {
        Map<Path, Long> sizes = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return sizes;
        }
        try (Stream<Path> all = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) all::iterator) {
                if (Files.isRegularFile(file)) {
                    sizes.put(directory.relativize(file), Files.size(file));
                }
            }
        }
        return sizes;
    }

    /** The files of {@code expected} that {@code directory} lacks or holds with another size. */
    static List<Path> missingOrDifferent(Map<Path, Long> expected, Path directory) throws IOException {
        List<Path> differ = new ArrayList<>();
        for (Map.Entry<Path, Long> e : expected.entrySet()) {
            Path file = directory.resolve(e.getKey());
            if (!Files.isRegularFile(file) || Files.size(file) != e.getValue()) {
                differ.add(e.getKey());
            }
        }
        return differ;
    }

    /**
     * Copies the files of {@code from} that {@code to} lacks, keeping their permissions and
     * times; files {@code to} already has are left alone.
     *
     * @return how many files were copied
     */
    static int copyMissing(Path from, Path to) throws IOException {
        int copied = 0;
        try (Stream<Path> all = Files.walk(from)) {
            for (Path source : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.exists(target)) {
                    continue;
                }
                Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                if (Files.isRegularFile(source)) {
                    copied++;
                }
            }
        }
        return copied;
    }

    /** Deletes the directory and everything below it. */
    static void deleteTree(Path directory) throws IOException {
        Objects.requireNonNull(directory, "directory");
        try (Stream<Path> all = Files.walk(directory)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
