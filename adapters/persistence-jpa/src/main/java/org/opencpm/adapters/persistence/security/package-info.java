/**
 * API keys by the SHA-256 of the key.
 *
 * <p>Depends on: {@code org.opencpm.adapters.persistence}, the application's ports.
 */
package org.opencpm.adapters.persistence.security;
