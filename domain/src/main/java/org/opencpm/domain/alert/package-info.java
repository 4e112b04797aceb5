/**
 * Risk alerts (PIPL Art. 51, 54–56: the handler's own monitoring and accountability; GB/T 35273
 * §11): what a rule found, how grave it is, and when it was raised.
 */
package org.opencpm.domain.alert;
