package org.opencpm.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

    @Test
    void the_embedded_database_is_an_h2_file_under_the_data_directory_that_writes_each_commit_at_once() {
        DatabaseSettings settings = DatabaseSettings.embeddedH2(Path.of("/var/lib/opencpm/data"));
        assertThat(settings.url())
                .isEqualTo("jdbc:h2:file:async:/var/lib/opencpm/data/db/opencpm;WRITE_DELAY=0;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64;MAX_LENGTH_INPLACE_LOB=4096;OPTIMIZE_REUSE_RESULTS=FALSE;COMPRESS=TRUE");
        assertThat(settings.maxPoolSize()).isEqualTo(DatabaseSettings.EMBEDDED_POOL_SIZE);
        assertThat(DatabaseSettings.embeddedH2(Path.of("/var/lib/opencpm/data"), false).url()).as("the operator's choice")
                .endsWith(";OPTIMIZE_REUSE_RESULTS=FALSE;COMPRESS=FALSE").doesNotContain("COMPRESS=TRUE");
    }

    @Test
    void a_relative_data_directory_becomes_absolute() {
        assertThat(DatabaseSettings.embeddedH2Url(Path.of("data"))).startsWith("jdbc:h2:file:async:/").contains("/data/db/opencpm;");
    }

    @Test
    void the_password_never_shows_in_the_text_of_the_settings() {
        DatabaseSettings settings = new DatabaseSettings("jdbc:postgresql://db/opencpm", "opencpm", "s3cret!", 20);
        assertThat(settings.toString()).doesNotContain("s3cret!").contains("****");
    }

    @Test
    void a_pool_needs_two_connections_and_a_url() {
        assertThatThrownBy(() -> new DatabaseSettings("jdbc:h2:mem:x", "sa", "", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DatabaseSettings(" ", "sa", "", 4)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new DatabaseSettings("jdbc:h2:mem:x", null, null, 2).password()).isEmpty();
    }

    @Test
    void the_database_follows_from_the_url() {
        assertThat(DatabaseKind.of("jdbc:h2:file:/tmp/db")).isEqualTo(DatabaseKind.H2);
        assertThat(DatabaseKind.of("jdbc:postgresql://127.0.0.1:5432/opencpm")).isEqualTo(DatabaseKind.POSTGRESQL);
        assertThat(DatabaseKind.of("jdbc:mariadb://127.0.0.1:3306/opencpm")).isEqualTo(DatabaseKind.MARIADB);
        assertThat(DatabaseKind.of("JDBC:MySQL://127.0.0.1:3306/opencpm")).isEqualTo(DatabaseKind.MARIADB);
        assertThat(DatabaseKind.MARIADB.driverUrl("jdbc:mysql://db:3306/opencpm?useSsl=true"))
                .isEqualTo("jdbc:mariadb://db:3306/opencpm?useSsl=true");
        assertThat(DatabaseKind.H2.driverUrl("jdbc:h2:file:/tmp/db;LOCK_TIMEOUT=5000"))
                .as("the reuse of stale results off on any H2 URL").isEqualTo("jdbc:h2:file:/tmp/db;LOCK_TIMEOUT=5000;OPTIMIZE_REUSE_RESULTS=FALSE");
        assertThat(DatabaseKind.H2.driverUrl("jdbc:h2:mem:x;;")).isEqualTo("jdbc:h2:mem:x;OPTIMIZE_REUSE_RESULTS=FALSE");
        String embedded = DatabaseSettings.embeddedH2Url(Path.of("/data"));
        assertThat(DatabaseKind.H2.driverUrl(embedded)).as("set once").isEqualTo(embedded);
        assertThat(DatabaseKind.H2.placeholders()).containsEntry("text_type", "CLOB");
        assertThat(DatabaseKind.POSTGRESQL.placeholders()).containsEntry("text_type", "TEXT");
        assertThat(DatabaseKind.MARIADB.placeholders()).containsEntry("text_type", "LONGTEXT");
    }

    @Test
    void an_unsupported_url_is_refused_without_repeating_what_may_be_a_password_in_it() {
        assertThatThrownBy(() -> DatabaseKind.of("jdbc:oracle:thin:scott/tiger@db:1521:orcl"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("tiger");
    }
}
