/**
 * Consent records (ISO/IEC TS 27560): one consent event of a person read back with the notice,
 * the purpose, its later history and the audit evidence that covers it, for an auditor or for the
 * person's own copy. Reads the subject's history through {@code ViewSubjectUseCase}, the catalogue
 * and the audit checkpoints through their ports; writes nothing.
 */
package org.opencpm.application.receipt;
