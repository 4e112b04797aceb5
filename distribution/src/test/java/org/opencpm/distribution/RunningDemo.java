package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * {@code bin/opencpm demo} of an unpacked distribution, run as a newcomer runs it, its output
 * collected: {@link #awaitLinks} waits for the links it prints and reads them back.
 */
final class RunningDemo implements AutoCloseable {

    final Process process;
    final List<String> printed = new CopyOnWriteArrayList<>();
    private final Path dir;

    private RunningDemo(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    /** Starts it on {@code dir}, its simulators' page on {@code pagePort}, OpenCPM on the unpacked server's port. */
    static RunningDemo start(RunningServer unpacked, Path dir, int pagePort) throws IOException {
        ProcessBuilder command = unpacked.command("demo");
        command.environment().put("OPENCPM_DEMO_DIR", dir.toString());
        command.environment().put("OPENCPM_DEMO_PORT", Integer.toString(pagePort));
        command.redirectErrorStream(true);
        RunningDemo demo = new RunningDemo(command.start(), dir);
        Thread.ofVirtual().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(demo.process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    demo.printed.add(line);
                }
            } catch (IOException ended) {
                // the process is gone
            }
        });
        return demo;
    }

    /** Waits until it printed its links (the last one is the log's); failing, says what it printed by then. */
    RunningDemo awaitLinks() {
        try {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
                    .failFast(() -> !process.isAlive())
                    .until(() -> printed.stream().anyMatch(l -> l.contains("OpenCPM log")));
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new AssertionError((process.isAlive() ? "the demo printed no links in time" : "the demo ended") + "; it printed:\n"
                    + output(), e);
        }
        return this;
    }

    String output() {
        return String.join("\n", printed);
    }

    /** The first group of {@code regex} in what it printed. */
    String find(String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(output());
        assertThat(matcher.find()).as(() -> regex + " in:\n" + output()).isTrue();
        return matcher.group(1);
    }

    String adminKey() {
        return find("(demo-admin-[0-9a-f]{32})");
    }

    URI page() {
        return URI.create(find("Simulated platforms[^\\n]*?(http://127\\.0\\.0\\.1:\\d+/)"));
    }

    /** Li Lei's preference-centre link: every build makes one, so the demo always prints it. */
    URI preferenceLink() {
        return URI.create(find("Preference centre of Li Lei[^\\n]*?(http://\\S+)"));
    }

    /** The SDK's example page: every build serves it, so the demo always prints it. */
    URI sdkPage() {
        return URI.create(find("SDK example page[^\\n]*?(http://\\S+)"));
    }

    /** Ends it, and whatever OpenCPM it started on its folder (by that folder, in its command line). */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        String data = dir.resolve("data").toString();
        try (var processes = ProcessHandle.allProcesses()) {
            processes.filter(p -> p.info().commandLine().orElse("").contains(data)).forEach(ProcessHandle::destroyForcibly);
        }
    }
}
