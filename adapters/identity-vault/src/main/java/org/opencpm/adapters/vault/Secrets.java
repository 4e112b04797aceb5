package org.opencpm.adapters.vault;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileAlreadyExistsException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Files only their owner may read: secret keys, the generated admin key. */
public final class Secrets {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private Secrets() {
    }

    /** Creates {@code dir} (and its parents) with mode 700 if it does not exist. */
    public static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Files.createDirectories(dir.getParent() == null ? dir : dir.getParent());
        if (POSIX) {
            FileAttribute<Set<PosixFilePermission>> owner = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
            try {
                Files.createDirectory(dir, owner);
            } catch (FileAlreadyExistsException raced) {
                // made meanwhile
            }
        } else {
            Files.createDirectories(dir);
        }
    }

    /**
     * Writes {@code content} to a new file with mode 600.
     *
     * @throws java.nio.file.FileAlreadyExistsException when the file exists: secrets are never overwritten
     */
    public static void writePrivateFile(Path file, String content) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (var channel = POSIX
                ? Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.newByteChannel(file, options);
             OutputStream out = Channels.newOutputStream(channel)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }
}
