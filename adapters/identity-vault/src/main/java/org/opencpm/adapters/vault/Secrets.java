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

    /**
     * Puts a new secret file in place whole, or not at all: {@code content} is written to a
     * temporary file (mode 600) beside {@code file}, which is then linked to {@code file} in one
     * step. A process that finds {@code file} therefore always reads it complete (never the empty
     * file another process has just created and not yet written), and an existing file is never
     * replaced. Where the file system has no hard links, the temporary file is moved atomically
     * into place after a check that none is there (a narrower window, not none).
     *
     * @throws java.nio.file.FileAlreadyExistsException when the file exists: secrets are never overwritten
     */
    public static void publishPrivateFile(Path file, String content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Long.toUnsignedString(new java.security.SecureRandom().nextLong(), 36) + ".tmp");
        writePrivateFile(temp, content);
        try (var channel = java.nio.channels.FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true); // on disk before it has the name others read
        }
        try {
            try {
                Files.createLink(file, temp);
            } catch (FileAlreadyExistsException taken) {
                throw taken;
            } catch (UnsupportedOperationException | java.nio.file.FileSystemException noHardLinks) {
                if (Files.exists(file)) {
                    throw new FileAlreadyExistsException(file.toString());
                }
                Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
