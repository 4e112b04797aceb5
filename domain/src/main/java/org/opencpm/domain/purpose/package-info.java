/**
 * Purposes of processing: what personal information is used for, on which lawful basis (PIPL
 * Art. 13), which data elements with which sensitivity grade (DSL Art. 21), given to which
 * recipients (PIPL Art. 23, 39), kept for how long.
 *
 * <p>Depends on: {@code org.opencpm.domain} only.
 */
package org.opencpm.domain.purpose;
