/** Messages sent through send gateways (SMS connectors), each under a send permit. */
package org.opencpm.application.messaging;
