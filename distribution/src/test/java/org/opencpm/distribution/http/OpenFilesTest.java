package org.opencpm.distribution.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenFilesTest {

    @Test
    void the_connection_cap_leaves_descriptors_for_the_rest_of_the_server() {
        assertThat(OpenFiles.connectionsWithin(1024)).isEqualTo(768);
        assertThat(OpenFiles.connectionsWithin(20_000)).isEqualTo(17_500);
        assertThat(OpenFiles.connectionsWithin(1_048_576)).isEqualTo(917_504);
        assertThat(OpenFiles.connectionsWithin(-1)).isEqualTo(OpenFiles.DEFAULT_MAX_CONNECTIONS);
        assertThat(OpenFiles.defaultMaxConnections()).isLessThanOrEqualTo(OpenFiles.DEFAULT_MAX_CONNECTIONS)
                .isLessThanOrEqualTo(OpenFiles.connectionsWithin(OpenFiles.limit()));
    }
}
