package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.in.PiiController;

class ControllerSettingsTest {

    private static PiiController controller(Map<String, String> config) {
        return ControllerSettings.from(key -> Optional.ofNullable(config.get(key)));
    }

    @Test
    void the_controller_is_read_from_configuration_and_is_not_configured_until_named() {
        assertThat(controller(Map.of())).isEqualTo(PiiController.NOT_CONFIGURED);
        assertThat(controller(Map.of())).matches(c -> !c.configured());
        PiiController named = controller(Map.of("opencpm.controller.name", " 示例零售有限公司 ",
                "opencpm.controller.contact", "privacy@example.cn", "opencpm.controller.address", "上海市示例路 1 号"));
        assertThat(named).isEqualTo(new PiiController("示例零售有限公司", Optional.of("privacy@example.cn"), Optional.of("上海市示例路 1 号")));
        assertThat(named.configured()).isTrue();
        assertThat(controller(Map.of("opencpm.controller.name", "Example Ltd", "opencpm.controller.contact", " ")).contact())
                .as("a blank value is no value").isEmpty();
    }

    @Test
    void a_malformed_value_stops_the_start_naming_the_key() {
        assertThatThrownBy(() -> controller(Map.of("opencpm.controller.name", "Example\nLtd")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("opencpm.controller.name");
        assertThatThrownBy(() -> controller(Map.of("opencpm.controller.name", "x".repeat(201))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("opencpm.controller.name");
        assertThatThrownBy(() -> controller(Map.of("opencpm.controller.name", "Example Ltd", "opencpm.controller.contact", "a\u0007b")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("opencpm.controller.contact");
        assertThatThrownBy(() -> controller(Map.of("opencpm.controller.contact", "privacy@example.cn")))
                .as("a contact for nobody").isInstanceOf(IllegalStateException.class).hasMessageContaining("opencpm.controller.name");
    }
}
