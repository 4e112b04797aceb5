/**
 * Risk alerts (PIPL Art. 51, 54–56; GB/T 35273 §11): signals counted as the use cases run, rules
 * evaluated over them at a fixed interval, an alert raised once per episode, kept, counted and sent.
 */
package org.opencpm.application.alert;
