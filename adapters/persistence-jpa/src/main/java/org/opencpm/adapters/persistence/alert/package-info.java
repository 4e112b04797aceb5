/** Risk alerts in {@code risk_alert}. */
package org.opencpm.adapters.persistence.alert;
