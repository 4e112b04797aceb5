/**
 * Logging that a client cannot flood: one short, rate-limited line for requests the client broke
 * off, a cap on stack traces per logger and minute, and a console handler that a background
 * server switches off (its log is the rotating file that {@code conf/logging.properties} sets up).
 */
package org.opencpm.distribution.logging;
