package org.opencpm.connectors.api.fake;

import org.opencpm.domain.subject.SubjectId;

/** An SPI type that leaks a domain class: what the architecture rule must catch. */
public record LeakyApiType(SubjectId subject) {
}
