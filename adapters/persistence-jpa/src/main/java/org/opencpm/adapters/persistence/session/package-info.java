/**
 * Console sessions in {@code console_session}, found by the hash of the session id (ADR 0021).
 *
 * <p>Depends on: {@code org.opencpm.adapters.persistence}, the application's ports.
 */
package org.opencpm.adapters.persistence.session;
