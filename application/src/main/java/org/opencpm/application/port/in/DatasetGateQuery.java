package org.opencpm.application.port.in;

import java.util.List;
import java.util.Optional;
import org.opencpm.domain.Checks;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.IdentifierType;

/**
 * Gate a dataset before it is shared: for each row, may the subject named in column
 * {@code subjectColumn} (an identifier of {@code idType}) be given to {@code recipient} for
 * {@code purpose}? Rows that may not are dropped, or de-identified.
 *
 * @param piiColumns further columns holding personal information, replaced by keyed hashes on de-identification
 */
public record DatasetGateQuery(PurposeCode purpose, Optional<String> recipient, IdentifierType idType,
                               Optional<String> idScope, int subjectColumn, List<Integer> piiColumns, Mode mode) {

    /** What happens to a row without consent. */
    public enum Mode {
        /** Left out of the output. */
        DROP,
        /** Kept, with the identifier and the listed PII columns replaced by keyed hashes. */
        DEIDENTIFY
    }

    public DatasetGateQuery {
        Checks.required(purpose, "purpose");
        Checks.required(recipient, "recipient");
        Checks.required(idType, "idType");
        Checks.required(idScope, "idScope");
        if (subjectColumn < 0) {
            throw new InvalidValueException("subjectColumn", "must name a column of the header");
        }
        piiColumns = List.copyOf(Checks.required(piiColumns, "piiColumns"));
        Checks.required(mode, "mode");
    }
}
