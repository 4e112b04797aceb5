package org.opencpm.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Searches files as raw bytes — a data folder, logs, a database server's files — for data that
 * must not be there (ErasureIT, AttachmentsIT), and for a control that must (so that finding
 * nothing means something: were the files compressed or encrypted, the control would not be found).
 */
final class BytesOnDisk {

    private BytesOnDisk() {
    }

    /** Every regular file under {@code root}; none when it is no folder. */
    static List<Path> files(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "{@code <file> holds <name>}" for each file that holds one of {@code needles} (by name); empty when none does. */
    static List<String> found(List<Path> files, Map<String, List<byte[]>> needles) {
        List<String> found = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException unreadable) {
                continue; // a file removed while we walk (a WAL segment recycled) holds nothing to find
            }
            needles.forEach((name, forms) -> {
                if (forms.stream().anyMatch(needle -> indexOf(bytes, needle) >= 0)) {
                    found.add(file + " holds " + name);
                }
            });
        }
        return found;
    }

    /** Whether any of {@code files} holds {@code needle}. */
    static boolean anyHolds(List<Path> files, byte[] needle) {
        return files.stream().anyMatch(file -> {
            try {
                return indexOf(Files.readAllBytes(file), needle) >= 0;
            } catch (IOException unreadable) {
                return false;
            }
        });
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
