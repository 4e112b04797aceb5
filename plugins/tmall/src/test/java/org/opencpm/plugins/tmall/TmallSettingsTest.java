package org.opencpm.plugins.tmall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.connectors.api.ConnectorConfig;

class TmallSettingsTest {

    private static TmallSettings settings(String... extra) {
        Map<String, String> values = new HashMap<>(TmallConformanceTest.configuration());
        for (int i = 0; i < extra.length; i += 2) {
            values.put(extra[i], extra[i + 1]);
        }
        return TmallSettings.of(new ConnectorConfig(values, Set.of("appSecret", "session")));
    }

    @Test
    @DisplayName("Calls go to <baseUrl>/router/rest, production's eco.taobao.com by default; a baseUrl that names the router already is taken as it is")
    void the_gateway() {
        assertThat(settings().gateway()).isEqualTo("https://eco.taobao.com/router/rest");
        assertThat(settings("baseUrl", "https://gw.api.taobao.com/").gateway()).isEqualTo("https://gw.api.taobao.com/router/rest");
        assertThat(settings("baseUrl", "https://gw.api.taobao.com/router/rest").gateway()).isEqualTo("https://gw.api.taobao.com/router/rest");
        assertThat(settings().endpoint()).startsWith("https://eco.taobao.com/router/rest?connectTimeout=10000&");
    }

    @Test
    @DisplayName("Defaults: hmac-sha256, the CRM group APIs with group_ids and ouids")
    void defaults() {
        TmallSettings settings = settings();
        assertThat(settings.signMethod()).isEqualTo(SignMethod.HMAC_SHA256);
        assertThat(settings.optOutMethod()).isEqualTo("taobao.crm.members.group.batchadd.privy");
        assertThat(settings.optInMethod()).isEqualTo("taobao.crm.members.groups.batchdelete.privy");
        assertThat(settings.groupParam()).isEqualTo("group_ids");
        assertThat(settings.memberParam()).isEqualTo("ouids");
    }

    @Test
    @DisplayName("Neither the app secret nor the session key is in the settings' toString")
    void no_secret_in_to_string() {
        assertThat(settings().toString()).doesNotContain(TmallConformanceTest.SECRET).doesNotContain(TmallConformanceTest.SESSION)
                .contains(TmallConformanceTest.APP_KEY);
    }

    @Test
    @DisplayName("A method or parameter name that TOP could not have, or a timeout out of range, is refused naming the key, never the value")
    void malformed_values_are_refused() {
        assertThatThrownBy(() -> settings("optOutMethod", "crm add")).hasMessageContaining("optOutMethod").hasMessageNotContaining("crm add");
        assertThatThrownBy(() -> settings("memberParam", "ouids&x=1")).hasMessageContaining("memberParam");
        assertThatThrownBy(() -> settings("timeoutMillis", "0")).hasMessageContaining("timeoutMillis");
        assertThatThrownBy(() -> settings("signMethod", "rsa")).hasMessageContaining("signMethod").hasMessageNotContaining("rsa");
    }
}
