package org.opencpm.application.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opencpm.application.Ports;
import org.opencpm.application.port.in.DatasetGateQuery;
import org.opencpm.application.port.in.GateDatasetUseCase;
import org.opencpm.application.port.out.IdentityVault;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.decision.UsageRequest;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.subject.Identifier;

/**
 * Gates a dataset before it is shared: each row passes if its subject's data may go to the
 * recipient for the purpose; otherwise it is dropped, or kept with its identifier and the listed
 * PII columns replaced by keyed pseudonyms (de-identified, not anonymous: PIPL Art. 73).
 */
public final class GateDatasetService implements GateDatasetUseCase {

    private final Decider decider;
    private final IdentityVault vault;

    public GateDatasetService(Ports ports) {
        this.decider = new Decider(ports);
        this.vault = ports.vault();
    }

    @Override
    public DatasetGate open(DatasetGateQuery query) {
        Purpose purpose = decider.purpose(query.purpose());
        UsageRequest usage = new UsageRequest(Optional.empty(), Optional.empty(), query.recipient());
        Instant now = decider.now();
        return new DatasetGate() {
            private long rows;
            private long passed;
            private long deidentified;

            @Override
            public Optional<List<String>> pass(List<String> row) {
                rows++;
                Optional<Identifier> identifier = identifierIn(row, query);
                boolean allowed = identifier
                        .map(id -> decider.decide(purpose, decider.locate(id), usage, now).decision().allowed())
                        .orElse(false);
                if (allowed) {
                    passed++;
                    return Optional.of(row);
                }
                if (query.mode() == DatasetGateQuery.Mode.DEIDENTIFY) {
                    deidentified++;
                    return Optional.of(deidentify(row, identifier, query));
                }
                return Optional.empty();
            }

            @Override
            public GateSummary summary() {
                return new GateSummary(rows, passed, deidentified, rows - passed - deidentified);
            }
        };
    }

    private static Optional<Identifier> identifierIn(List<String> row, DatasetGateQuery query) {
        if (query.subjectColumn() >= row.size()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Identifier.of(query.idType(), row.get(query.subjectColumn()), query.idScope().orElse(null), "row"));
        } catch (InvalidValueException notAnIdentifier) {
            return Optional.empty();
        }
    }

    private List<String> deidentify(List<String> row, Optional<Identifier> identifier, DatasetGateQuery query) {
        List<String> out = new ArrayList<>(row);
        if (query.subjectColumn() < out.size()) {
            out.set(query.subjectColumn(), vault.pseudonym(identifier.map(Identifier::canonical).orElse(row.get(query.subjectColumn()))));
        }
        for (int column : query.piiColumns()) {
            if (column < out.size() && column != query.subjectColumn()) {
                out.set(column, vault.pseudonym(row.get(column)));
            }
        }
        return out;
    }
}
