/** People's rights requests: recorded with a deadline, answered through their state machine, audited. */
package org.opencpm.application.rights;
