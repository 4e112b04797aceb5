package org.opencpm.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many bytes may still be written to a file system: a reading of its own so that tests can
 * stand in for a nearly full disk without filling one.
 */
@FunctionalInterface
public interface FreeSpace {

    /** The bytes this process may still write. */
    long freeBytes() throws IOException;

    /** The usable space of the file system that holds {@code folder}. */
    static FreeSpace of(Path folder) {
        return () -> Files.getFileStore(folder).getUsableSpace();
    }
}
