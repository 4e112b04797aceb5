/** Reading and changing a subject's preferences. */
package org.opencpm.application.preference;
