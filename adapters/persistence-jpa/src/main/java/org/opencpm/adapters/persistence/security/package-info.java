/**
 * API keys by the keyed hash of the key (or, for keys older than schema version 7 until their first use, its SHA-256).
 *
 * <p>Depends on: {@code org.opencpm.adapters.persistence}, the application's ports.
 */
package org.opencpm.adapters.persistence.security;
