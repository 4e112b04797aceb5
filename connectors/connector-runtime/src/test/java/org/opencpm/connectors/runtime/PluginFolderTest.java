package org.opencpm.connectors.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginDescriptor;

/** The plugins folder is read through on every scan only for files that changed since the last one. */
class PluginFolderTest {

    @TempDir
    Path plugins;

    @Test
    void a_file_is_read_again_only_when_it_changed() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        PluginFolder folder = new PluginFolder(plugins, file -> {
            reads.incrementAndGet();
            return new DefaultPluginDescriptor("acme", "", "", "1.0.0", "", "", "");
        }, String::compareTo);
        Path jar = Files.write(plugins.resolve("acme.jar"), new byte[] {1, 2, 3});

        String first = folder.scan().plugins().get("acme").digest();
        folder.scan();
        folder.scan();
        assertThat(reads).hasValue(1);

        Files.write(jar, new byte[] {4, 5, 6, 7});
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
        assertThat(folder.scan().plugins().get("acme").digest()).isNotEqualTo(first);
        assertThat(reads).hasValue(2);

        Files.delete(jar);
        assertThat(folder.scan().plugins()).isEmpty();
    }
}
