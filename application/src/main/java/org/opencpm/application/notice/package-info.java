/** Publishing notice versions. */
package org.opencpm.application.notice;
