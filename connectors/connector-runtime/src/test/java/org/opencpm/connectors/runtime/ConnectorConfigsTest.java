package org.opencpm.connectors.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencpm.connectors.api.ConnectorConfig;
import org.opencpm.connectors.api.ConnectorDescriptor;
import org.opencpm.connectors.api.ConnectorDescriptor.ConfigKey;

class ConnectorConfigsTest {

    private static final ConnectorDescriptor SMS = new ConnectorDescriptor("sms-test", "SMS", "1.0.0", Set.of("phone"),
            List.of(ConfigKey.required("signName", "the SMS signature"), ConfigKey.secret("accessKeySecret", "the key")), 1, 0);

    @TempDir
    Path conf;

    @Test
    @DisplayName("A secret may be read from the environment, and is never shown by the configuration")
    void secrets_come_from_the_environment_and_are_never_shown() throws Exception {
        Files.writeString(conf.resolve("sms-test.properties"), "enabled=true\nsignName=某品牌\naccessKeySecret=env:SMS_SECRET\n");
        ConnectorConfig config = ConnectorConfigs.load(conf, SMS, Map.of("SMS_SECRET", "s3cr3t-from-env")::get);
        assertThat(config.require("accessKeySecret")).isEqualTo("s3cr3t-from-env");
        assertThat(config.require("signName")).isEqualTo("某品牌");
        assertThat(config.secretValues()).containsExactly("s3cr3t-from-env");
        assertThat(config.toString()).doesNotContain("s3cr3t-from-env");
        assertThat(ConnectorConfigs.missing(SMS, config)).isEmpty();
    }

    @Test
    void an_environment_variable_that_is_not_set_is_named() throws Exception {
        Files.writeString(conf.resolve("sms-test.properties"), "accessKeySecret=env:NOT_SET_ANYWHERE\n");
        assertThatThrownBy(() -> ConnectorConfigs.load(conf, SMS, name -> null))
                .hasMessageContaining("NOT_SET_ANYWHERE").hasMessageContaining("accessKeySecret");
    }

    @Test
    void missing_required_keys_are_listed() {
        ConnectorConfig none = ConnectorConfigs.load(conf, SMS, name -> null);
        assertThat(ConnectorConfigs.missing(SMS, none)).containsExactlyInAnyOrder("signName", "accessKeySecret");
    }

    @Test
    void secrets_are_scrubbed_from_what_is_logged_or_stored() {
        Scrubber scrubber = new Scrubber(Set.of("s3cr3t-from-env"));
        assertThat(scrubber.scrub("401 for https://x/api?key=s3cr3t-from-env")).doesNotContain("s3cr3t-from-env");
    }
}
