package dev.scaledeck.engine.backup.pitr;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies a PostgreSQL data directory into a new private directory (directories 0700, files
 * 0600), leaving out what a {@link Filter} names. Links are not followed. Stateless apart
 * from its settings; thread-safe.
 */
final class DataDirectoryCopy {

    /** What to leave out of a copy, by path relative to the source directory. */
    interface Filter {

        Filter NOTHING = new Filter() {
            @Override
            public boolean skip(Path relative) {
                return false;
            }

            @Override
            public boolean skipContents(Path relativeDirectory) {
                return false;
            }
        };

        /** Leave this file or directory out entirely. */
        boolean skip(Path relative);

        /** Create this directory (also where the source has a link to one) but copy nothing inside it. */
        boolean skipContents(Path relativeDirectory);
    }

    private static final long CHUNK = 8L << 20;

    private final Filter filter;
    private final boolean live;
    private final UserPrincipal owner;

    /**
     * @param filter what to leave out
     * @param live   whether the source is in use: then a file or directory that vanishes
     *               while we copy (a dropped table) is passed over, as pg_basebackup does, and
     *               the copy is flushed to disk at the end, since it is a backup
     * @param owner  who should own the copy, or null for whoever runs this process
     */
    DataDirectoryCopy(Filter filter, boolean live, UserPrincipal owner) {
        this.filter = filter;
        this.live = live;
        this.owner = owner;
    }

    /**
     * Copies {@code source} into {@code target}, which must not exist yet.
     *
     * @return the bytes copied
     */
    long copy(Path source, Path target) throws IOException {
        Visitor visitor = new Visitor(source, target);
        Files.walkFileTree(source, visitor);
        if (live) {
            DiskSync.force(visitor.written);
        }
        return visitor.bytes;
    }

    private final class Visitor extends SimpleFileVisitor<Path> {

        private final Path source;
        private final Path target;
        private final List<Path> written = new ArrayList<>();
        private boolean chown;
        private long bytes;

        Visitor(Path source, Path target) {
            this.source = source;
            this.target = target;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
            Path relative = source.relativize(dir);
            boolean root = relative.toString().isEmpty();
            if (!root && filter.skip(relative)) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            Path copy = PrivateFiles.createDirectory(target.resolve(relative.toString()));
            if (root) {
                chown = owner != null && !owner.equals(Files.getOwner(copy));
            }
            created(copy);
            return !root && filter.skipContents(relative) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            Path relative = source.relativize(file);
            if (filter.skip(relative)) {
                return FileVisitResult.CONTINUE;
            }
            if (attrs.isSymbolicLink() && filter.skipContents(relative)) {
                created(PrivateFiles.createDirectory(target.resolve(relative.toString())));
            } else if (attrs.isSymbolicLink()) {
                throw new IOException(file + " is a symbolic link (a tablespace or a moved directory); only a data"
                        + " directory that holds all its files can be copied");
            } else if (attrs.isRegularFile()) {
                copyFile(file, target.resolve(relative.toString()));
            } else if (!attrs.isDirectory()) {
                throw new IOException(file + " is neither a file nor a directory and cannot be copied");
            }
            return FileVisitResult.CONTINUE;
        }

        private void copyFile(Path file, Path copy) throws IOException {
            FileChannel in;
            try {
                in = FileChannel.open(file, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                if (live) {
                    return;
                }
                throw e;
            }
            try (in; FileChannel out = PrivateFiles.createFile(copy)) {
                created(copy);
                long position = 0;
                long n;
                // Up to the end as it is while we read: a file that grows or shrinks meanwhile is
                // put right by replaying WAL from the backup's start.
                while ((n = out.transferFrom(in, position, CHUNK)) > 0) {
                    position += n;
                }
                bytes += position;
            }
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            return vanished(e);
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            return e == null ? FileVisitResult.CONTINUE : vanished(e);
        }

        private FileVisitResult vanished(IOException e) throws IOException {
            if (live && e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
            }
            throw e;
        }

        private Path created(Path path) throws IOException {
            written.add(path);
            if (chown) {
                Files.setOwner(path, owner);
            }
            return path;
        }
    }
}
