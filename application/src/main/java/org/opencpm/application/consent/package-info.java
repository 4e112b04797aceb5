/** Recording consent events: single, batch and double opt-in confirmation. */
package org.opencpm.application.consent;
