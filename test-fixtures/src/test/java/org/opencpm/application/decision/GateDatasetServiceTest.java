package org.opencpm.application.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.Purposes.SHARE_WITH_TMALL;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.in.DatasetGateQuery;
import org.opencpm.application.port.in.GateDatasetUseCase.GateSummary;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.IdentifierType;
import org.opencpm.testfixtures.InMemoryOpenCpm;

class GateDatasetServiceTest {

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(SHARE_WITH_TMALL);
    private final List<List<String>> dataset = List.of(
            List.of("13800000001", "Li Lei", "Shanghai"),
            List.of("13800000002", "Han Meimei", "Beijing"),
            List.of("bogus", "Nobody", "Nowhere"));

    GateDatasetServiceTest() {
        Notice notice = cpm.publish("privacy-policy", "2026-01", false, SHARE_WITH_TMALL);
        cpm.recordConsent.record(aGrant().by(Identifier.phone("13800000001")).of(SHARE_WITH_TMALL).on(notice).build());
    }

    private List<List<String>> gate(String recipient, DatasetGateQuery.Mode mode, List<GateSummary> summary) {
        List<List<String>> shared = new ArrayList<>();
        summary.add(cpm.datasetGate.gate(new DatasetGateQuery(SHARE_WITH_TMALL.code(), Optional.of(recipient), IdentifierType.PHONE,
                Optional.empty(), 0, List.of(1), mode), dataset.iterator(), shared::add));
        return shared;
    }

    @Test
    @DisplayName("PIPL Art. 23: only rows whose subject consented to this recipient are shared")
    void rows_without_consent_are_dropped() {
        List<GateSummary> summary = new ArrayList<>();
        assertThat(gate("Tmall", DatasetGateQuery.Mode.DROP, summary)).containsExactly(dataset.get(0));
        assertThat(summary.get(0)).isEqualTo(new GateSummary(3, 1, 0, 2));
    }

    @Test
    void a_recipient_not_named_gets_nothing() {
        assertThat(gate("Douyin", DatasetGateQuery.Mode.DROP, new ArrayList<>())).isEmpty();
    }

    @Test
    void rows_without_consent_can_be_kept_de_identified() {
        List<List<String>> shared = gate("Tmall", DatasetGateQuery.Mode.DEIDENTIFY, new ArrayList<>());
        assertThat(shared).hasSize(3);
        assertThat(shared.get(0)).isEqualTo(dataset.get(0));
        List<String> hidden = shared.get(1);
        assertThat(hidden.get(0)).isEqualTo(cpm.vault.pseudonym(Identifier.phone("13800000002").canonical())).hasSize(64);
        assertThat(hidden.get(1)).isEqualTo(cpm.vault.pseudonym("Han Meimei"));
        assertThat(hidden.get(2)).isEqualTo("Beijing");
    }
}
