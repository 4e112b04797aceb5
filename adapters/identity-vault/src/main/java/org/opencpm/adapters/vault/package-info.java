/**
 * The identity vault adapter: identifiers become keyed hashes for lookup and AES-GCM ciphertext
 * where the raw value is needed; keys live in the data folder with owner-only permissions.
 * Depends on the application's ports, the domain and the JDK's crypto.
 */
package org.opencpm.adapters.vault;
