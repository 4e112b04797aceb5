package org.opencpm.application.purpose;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opencpm.application.Ports;
import org.opencpm.application.Retrying;
import org.opencpm.application.audit.AuditRecords;
import org.opencpm.application.port.in.DefinePurposeCommand;
import org.opencpm.application.port.in.ManagePurposesUseCase;
import org.opencpm.application.port.out.AuditTrail;
import org.opencpm.application.port.out.Clock;
import org.opencpm.application.port.out.DecisionIndex;
import org.opencpm.application.port.out.PurposeStore;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeRedefinition;
import org.opencpm.domain.purpose.PurposeCode;

/** Defines purposes; each definition or redefinition is audited and reaches the decision index. */
public final class ManagePurposesService implements ManagePurposesUseCase {

    private final PurposeStore purposes;
    private final AuditTrail audit;
    private final DecisionIndex index;
    private final Clock clock;
    private final Retrying retrying;

    public ManagePurposesService(Ports ports) {
        this.purposes = ports.purposes();
        this.audit = ports.audit();
        this.index = ports.decisionIndex();
        this.clock = ports.clock();
        this.retrying = new Retrying(ports.transactions());
    }

    @Override
    public Defined define(DefinePurposeCommand command) {
        Instant now = clock.now();
        Purpose given = command.purpose();
        given.checkDeclaredGrades();
        return retrying.inTransaction(() -> {
            Optional<Purpose> existing = purposes.find(given.code());
            // a material redefinition outdates the consents given before it (PIPL Art. 14 ¶2)
            Purpose purpose = PurposeRedefinition.stamp(existing, given, now);
            if (existing.isPresent() && existing.get().equals(purpose)) {
                return new Defined(purpose, false, false);
            }
            List<String> material = existing.map(before -> PurposeRedefinition.materialChanges(before, purpose)).orElse(List.of());
            purposes.save(purpose);
            audit.append(AuditRecords.purposeDefined(purpose, existing.isEmpty(), material, command.actor(), now));
            retrying.afterCommit(() -> index.purposeDefined(purpose));
            return new Defined(purpose, existing.isEmpty(), true);
        });
    }

    @Override
    public Optional<Purpose> find(PurposeCode code) {
        return purposes.find(code);
    }

    @Override
    public List<Purpose> all() {
        return purposes.all();
    }
}
