/**
 * API keys on every {@code /api} call: {@code Authorization: Bearer <key>}; a missing or unknown
 * key gets 401, a key without a role the resource allows gets 403. Resources state their roles
 * with {@link org.opencpm.adapters.rest.security.Allowed}; a resource that states none is admin-only.
 */
package org.opencpm.adapters.rest.security;
