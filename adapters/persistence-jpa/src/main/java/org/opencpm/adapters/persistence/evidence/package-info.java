/** The evidence files of consent events, sealed, by person and content hash (ADR 0013). */
package org.opencpm.adapters.persistence.evidence;
