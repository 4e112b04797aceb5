/**
 * The files kept as evidence of consent events (a signature drawn on a store tablet, a scanned
 * form): sealed under the person's key and kept by content hash when the event is recorded, and
 * opened again for an auditor. ADR 0013.
 */
package org.opencpm.application.evidence;
