package org.opencpm.connectors.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencpm.connectors.api.HostKey;

/** The partner guide's table of host keys is {@link HostKey}: every key, in its order, with its default. */
class HostKeyTableTest {

    private static final String MARKER = "<!-- host-keys:";

    @Test
    void the_guide_lists_every_host_key_with_its_default() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int start = lines.stream().filter(l -> l.startsWith(MARKER)).findFirst().map(lines::indexOf).orElseThrow(
                () -> new AssertionError("connectors/README.md has no " + MARKER + " table"));
        List<String> rows = new ArrayList<>();
        for (String line : lines.subList(start + 3, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.split("\\|");
            rows.add(cells[1].strip().replace("`", "") + " = " + cells[3].strip().replace("`", ""));
        }

        assertThat(rows).containsExactlyElementsOf(Arrays.stream(HostKey.values()).map(k -> k.key() + " = " + k.byDefault()).toList());
    }
}
