/** Finding subjects by their identifiers, and reading their consents and history. */
package org.opencpm.application.subject;
