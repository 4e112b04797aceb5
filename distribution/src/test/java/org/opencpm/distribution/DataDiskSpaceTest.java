package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The disk reserve, with the free-space reading stood in for: writes are refused below the
 * reserve and taken again once space is freed; reads and the reading POSTs always go on.
 */
class DataDiskSpaceTest {

    private static final long GIB = 1L << 30;

    private final AtomicLong free = new AtomicLong(10 * GIB);
    private final AtomicLong now = new AtomicLong();
    private final DataDiskSpace disk = new DataDiskSpace(free::get, GIB, Optional.empty(), now::get);
    private final StorageFullGuard guard = new StorageFullGuard(disk);

    @Test
    void the_state_follows_the_free_space_with_a_warning_level_at_twice_the_reserve() {
        assertThat(disk.state()).isEqualTo(DataDiskSpace.State.OK);
        assertThat(readAgainWith(2 * GIB - 1)).isEqualTo(DataDiskSpace.State.LOW);
        assertThat(disk.refusesWrites()).isFalse();
        assertThat(readAgainWith(GIB - 1)).isEqualTo(DataDiskSpace.State.FULL);
        assertThat(disk.refusesWrites()).isTrue();
        assertThat(disk.freeBytes()).isEqualTo(GIB - 1);
        assertThat(readAgainWith(3 * GIB)).as("space freed: writes resume").isEqualTo(DataDiskSpace.State.OK);
    }

    @Test
    void a_reading_is_reused_for_a_moment_rather_than_asked_of_the_disk_per_request() {
        disk.freeBytes();
        free.set(0);
        assertThat(disk.refusesWrites()).isFalse();
        now.addAndGet(DataDiskSpace.FRESH_NANOS + 1);
        assertThat(disk.refusesWrites()).isTrue();
    }

    @Test
    void a_disk_that_cannot_be_read_is_not_taken_for_a_full_one() {
        DataDiskSpace unreadable = new DataDiskSpace(() -> {
            throw new IOException("no such file system");
        }, GIB, Optional.empty(), now::get);
        assertThat(unreadable.refusesWrites()).isFalse();
    }

    @Test
    void below_the_reserve_a_write_is_refused_with_a_503_problem_and_retry_after() {
        readAgainWith(GIB / 2);

        Response refusal = guard.refusalOf("POST", "api/v1/consents").orElseThrow();

        assertThat(refusal.getStatus()).isEqualTo(503);
        assertThat(refusal.getMediaType()).hasToString("application/problem+json");
        assertThat(refusal.getHeaderString("Retry-After")).isEqualTo("60");
        assertThat((String) refusal.getEntity()).contains("\"code\":\"storage-full\"", "\"status\":503");
        for (String[] write : new String[][] {{"POST", "/api/v1/consents:batch"}, {"PUT", "api/v1/purposes/p"},
                {"PUT", "api/v1/subjects/s/preferences"}, {"POST", "api/v1/send-permits"}, {"POST", "hooks/crm/events"},
                {"DELETE", "api/v1/anything"}, {"DELETE", "api/v1/api-keys/"}, {"DELETE", "api/v1/api-keys/k/x"}, {"POST", "api/v1/api-keys"}}) {
            assertThat(guard.refusalOf(write[0], write[1])).as("%s %s", write[0], write[1]).isPresent();
        }
    }

    @Test
    void below_the_reserve_reads_decisions_and_lookups_still_pass() {
        readAgainWith(GIB / 2);
        for (String[] reading : new String[][] {{"GET", "api/v1/subjects/s/consents"}, {"POST", "api/v1/decisions"},
                {"POST", "/api/v1/subjects:lookup"}, {"HEAD", "api/v1/purposes/p"}, {"OPTIONS", "api/v1/consents"},
                {"GET", "health/ready"}}) {
            assertThat(guard.refusalOf(reading[0], reading[1])).as("%s %s", reading[0], reading[1]).isEmpty();
        }
    }

    @Test
    void below_the_reserve_an_api_key_can_still_be_revoked() {
        readAgainWith(GIB / 2);
        assertThat(guard.refusalOf("DELETE", "api/v1/api-keys/key_0123abcd")).isEmpty();
        assertThat(guard.refusalOf("DELETE", "/api/v1/api-keys/key_0123abcd")).isEmpty();
    }

    @Test
    void above_the_reserve_writes_pass() {
        assertThat(guard.refusalOf("POST", "api/v1/consents:batch")).isEmpty();
        assertThat(guard.refusalOf("POST", "hooks/crm/events")).isEmpty();
    }

    private DataDiskSpace.State readAgainWith(long bytes) {
        free.set(bytes);
        now.addAndGet(DataDiskSpace.FRESH_NANOS + 1);
        return disk.state();
    }
}
