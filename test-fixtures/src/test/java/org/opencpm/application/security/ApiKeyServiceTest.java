package org.opencpm.application.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.in.ApiPrincipal;
import org.opencpm.application.port.in.CreateApiKeyCommand;
import org.opencpm.application.port.in.CreatedApiKey;
import org.opencpm.application.port.in.ManageApiKeysUseCase.Bootstrap;
import org.opencpm.application.port.in.Role;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.audit.CanonicalForm;
import org.opencpm.testfixtures.InMemoryOpenCpm;

class ApiKeyServiceTest {

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm();

    @Test
    void the_first_start_makes_one_admin_key_and_later_starts_none() {
        Bootstrap first = cpm.apiKeys.bootstrap(Optional.empty());
        assertThat(first.created()).isTrue();
        String key = first.generatedKey().orElseThrow();
        assertThat(key).startsWith("opk_").hasSize(47);
        assertThat(cpm.apiKeys.authenticate(key)).map(ApiPrincipal::roles).contains(Set.of(Role.ADMIN));

        assertThat(cpm.apiKeys.bootstrap(Optional.empty())).isEqualTo(new Bootstrap(false, Optional.empty()));
        assertThat(cpm.apiKeyStore.count()).isEqualTo(1);
    }

    @Test
    void a_configured_bootstrap_key_becomes_the_admin_key_and_is_not_echoed() {
        String configured = "operator-chose-this-admin-key-2026";
        assertThat(cpm.apiKeys.bootstrap(Optional.of(configured))).isEqualTo(new Bootstrap(true, Optional.empty()));
        assertThat(cpm.apiKeys.authenticate(configured)).isPresent();
    }

    @Test
    void a_weak_configured_key_is_refused() {
        assertThatThrownBy(() -> cpm.apiKeys.bootstrap(Optional.of("admin"))).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("bootstrap-admin-key");
        assertThat(cpm.apiKeyStore.count()).isZero();
    }

    @Test
    void a_created_key_carries_its_roles_and_only_its_hash_is_kept() {
        CreatedApiKey created = cpm.apiKeys.create(new CreateApiKeyCommand("crm", Set.of(Role.INTEGRATOR), InMemoryOpenCpm.ADMIN));
        ApiPrincipal principal = cpm.apiKeys.authenticate(created.key()).orElseThrow();
        assertThat(principal.mayActAs(Set.of(Role.INTEGRATOR))).isTrue();
        assertThat(principal.mayActAs(Set.of(Role.AUDITOR))).isFalse();
        assertThat(cpm.apiKeys.authenticate(created.key() + "x")).isEmpty();
        assertThat(created.toString()).doesNotContain(created.key());

        AuditEvent audited = cpm.auditTrail.all().get(0);
        assertThat(audited.type()).isEqualTo(AuditEventType.API_KEY_CREATED);
        assertThat(audited.details()).containsEntry("roles", "integrator").containsEntry("keyId", created.id());
        assertThat(CanonicalForm.of(audited)).doesNotContain(created.key());
    }
}
