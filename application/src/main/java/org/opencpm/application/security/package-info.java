/** API keys and the roles they carry. */
package org.opencpm.application.security;
