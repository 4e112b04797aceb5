/** Exporting and verifying the audit trail, and what goes into each audit event. */
package org.opencpm.application.audit;
