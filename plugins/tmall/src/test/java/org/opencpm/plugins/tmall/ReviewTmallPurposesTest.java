package org.opencpm.plugins.tmall;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.connectors.api.ConnectorApi;

/**
 * Review (h-review): there is one opt-out group, so with the default "all purposes" a grant of any
 * purpose (order notifications, say) takes a member who withdrew marketing out of the opt-out group
 * (README "Purposes"). douyin, with the same one-audience shape, declares purposes required.
 */
class ReviewTmallPurposesTest {

    @Test
    @DisplayName("purposes is required (as for douyin): the shipped tmall.properties leaves it commented out, i.e. every purpose")
    void purposes_is_required() {
        assertThat(new TmallConnector().descriptor().configKeys()).filteredOn(key -> key.name().equals(ConnectorApi.PURPOSES))
                .as("a grant of any purpose would opt the member back in to the shop's marketing")
                .singleElement().satisfies(key -> assertThat(key.required()).isTrue());
    }
}
