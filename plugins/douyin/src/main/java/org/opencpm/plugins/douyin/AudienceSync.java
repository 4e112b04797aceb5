package org.opencpm.plugins.douyin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.opencpm.connectors.api.ChangeBatch;
import org.opencpm.connectors.api.ConsentChange;
import org.opencpm.connectors.api.IdentifierType;
import org.opencpm.connectors.api.SubjectIdentifier;
import org.opencpm.plugins.douyin.OceanEngine.Operation;

/**
 * Keeps one DMP data source in step with the consents of a batch: the subjects whose consent is
 * granted join it, every other state (withdrawn, denied, expired, pending) and every change whose
 * data must be erased leave it. One upload and one update per direction and batch — the platform
 * allows a data source 50 updates a day — then the configured custom audiences are published
 * again, since an audience keeps its data source's old content until it is.
 *
 * <p>A subject without a mainland China mobile number has nothing on the platform to change and
 * is left out; so is a preference change, which says nothing about the audience. Both operations
 * are idempotent on the platform (adding a present id, deleting an absent one), so a batch tried
 * again after a failure half-way through is safe.
 */
final class AudienceSync {

    private final OceanEngine platform;
    private final String dataSourceId;
    private final List<String> customAudienceIds;

    AudienceSync(OceanEngine platform, String dataSourceId, List<String> customAudienceIds) {
        this.platform = platform;
        this.dataSourceId = dataSourceId;
        this.customAudienceIds = List.copyOf(customAudienceIds);
    }

    /** Carries {@code batch} to the data source. */
    void apply(ChangeBatch batch) throws Exception {
        Set<String> leave = new LinkedHashSet<>();
        Set<String> join = new LinkedHashSet<>();
        for (ConsentChange change : batch.changes()) {
            if (change.kind() != ConsentChange.Kind.CONSENT && !change.erasureDue()) {
                continue;
            }
            boolean joins = !change.erasureDue() && change.state().orElse(null) == ConsentChange.State.GRANTED;
            (joins ? join : leave).addAll(hashes(change));
        }
        boolean changed = false;
        if (!leave.isEmpty()) {
            send(Operation.DELETE, new ArrayList<>(leave));
            changed = true;
        }
        if (!join.isEmpty()) {
            send(Operation.ADD, new ArrayList<>(join));
            changed = true;
        }
        if (changed) {
            publish();
        }
    }

    /**
     * Makes the data source hold exactly {@code phones} (E.164; those with no match on the platform
     * are left out): the reconciliation of a data source that drifted, through {@code operation_type}
     * 3. The host has no feed of a purpose's current consenters yet, so nothing calls it on a
     * schedule: it waits for one.
     */
    void reset(List<String> phones) throws Exception {
        List<String> hashes = phones.stream().map(MobileHash::of).flatMap(Optional::stream).distinct().toList();
        send(Operation.RESET, hashes);
        publish();
    }

    private void send(Operation operation, List<String> hashes) throws Exception {
        String path = platform.upload(AudienceFile.ofMobileHashes(hashes));
        platform.update(dataSourceId, operation, List.of(path));
    }

    private void publish() throws Exception {
        for (String audience : customAudienceIds) {
            platform.publish(audience);
        }
    }

    private static List<String> hashes(ConsentChange change) {
        return change.identifiers().stream().filter(id -> id.type().equals(IdentifierType.PHONE.code())).map(SubjectIdentifier::value)
                .map(MobileHash::of).flatMap(Optional::stream).toList();
    }
}
