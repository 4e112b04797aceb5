package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.in.AnchorAuditUseCase;
import org.opencpm.application.port.in.AuditExport;
import org.opencpm.application.port.in.AuditQuery;
import org.opencpm.domain.audit.AuditChain;
import org.opencpm.domain.audit.AuditDraft;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.audit.AuditHead;
import org.opencpm.domain.audit.AuditSelection;
import org.opencpm.domain.audit.Checkpoint;
import org.opencpm.domain.audit.CheckpointHead;
import org.opencpm.domain.audit.CheckpointKey;

/**
 * PIPL Art. 54–56: the checkpoints an NDJSON export carries are read after its events, so on a live
 * system one may have been signed over events appended after the export's last page was read. The
 * export must not carry it: the offline verifier would read "events up to N are anchored by a
 * checkpoint but the chain ends at M" — a genuine export taken for a cut one.
 */
class AuditExportCheckpointsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private static List<AuditEvent> chain(int length) {
        List<AuditEvent> chain = new ArrayList<>();
        for (int i = 1; i <= length; i++) {
            Instant at = T0.plusSeconds(i);
            chain.add(AuditChain.append(AuditDraft.of(AuditEventType.CONSENT_RECORDED, "sub_anna", "marketing-sms", "granted", at, at,
                    "key:test", "web", null, null, Map.of("n", Integer.toString(i))),
                    chain.isEmpty() ? Optional.empty() : Optional.of(AuditHead.of(chain.getLast()))));
        }
        return chain;
    }

    private static Checkpoint at(long number, AuditEvent head) {
        return new Checkpoint(number, List.of(CheckpointHead.main(AuditHead.of(head))), T0, "key1", "c2lnbmF0dXJl");
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> answer);
    }

    private static List<JsonObject> exported(List<AuditEvent> stored, int exportedUpTo, List<Checkpoint> signed) throws IOException {
        AuditResource resource = new AuditResource();
        resource.export = query -> new AuditExport(query, AuditSelection.ALL, stored.subList(0, exportedUpTo).stream());
        resource.anchor = new AnchorAuditUseCase() {
            @Override
            public Optional<Checkpoint> checkpoint() {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<Checkpoint> checkpoints() {
                return signed;
            }

            @Override
            public List<CheckpointKey> publicKeys() {
                return List.of();
            }
        };
        UriInfo uri = proxy(UriInfo.class, new MultivaluedHashMap<String, String>());
        HttpHeaders headers = proxy(HttpHeaders.class, List.of(MediaType.valueOf(AuditResource.NDJSON)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((StreamingOutput) resource.events(uri, headers).getEntity()).write(out);
        return out.toString(StandardCharsets.UTF_8).lines().map(line -> Json.createReader(new StringReader(line)).readObject()).toList();
    }

    @Test
    @DisplayName("PIPL Art. 54–56: a checkpoint signed over events the export does not hold is left out of it")
    void a_checkpoint_past_the_exports_last_event_is_left_out() throws IOException {
        List<AuditEvent> stored = chain(5);
        List<Checkpoint> signed = List.of(at(1, stored.get(2)), at(2, stored.get(4))); // the second signed after the export's last page

        List<JsonObject> lines = exported(stored, 3, signed);

        assertThat(lines.stream().filter(l -> !l.containsKey("kind"))).hasSize(3);
        assertThat(lines.stream().filter(l -> "checkpoint".equals(l.getString("kind", ""))).map(l -> l.getJsonNumber("number").longValue()))
                .containsExactly(1L);
    }

    @Test
    void every_checkpoint_within_the_export_is_carried() throws IOException {
        List<AuditEvent> stored = chain(5);

        List<JsonObject> lines = exported(stored, 5, List.of(at(1, stored.get(2)), at(2, stored.get(4))));

        assertThat(lines.stream().filter(l -> "checkpoint".equals(l.getString("kind", ""))).map(l -> l.getJsonNumber("number").longValue()))
                .containsExactly(1L, 2L);
    }
}
