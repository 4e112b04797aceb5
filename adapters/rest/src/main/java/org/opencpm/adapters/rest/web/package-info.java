/**
 * The web pages (preference centre, consent SDK, store tablet, admin console) as static files from
 * the class path's {@code web/} folder, which the {@code opencpm-adapter-web} module provides.
 *
 * <p>Depends on: JAX-RS only.
 */
package org.opencpm.adapters.rest.web;
