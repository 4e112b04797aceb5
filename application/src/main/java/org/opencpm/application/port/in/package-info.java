/**
 * Inbound ports: what OpenCPM can be asked to do. One interface per use case, named for what a
 * person does ({@code RecordConsentUseCase}), taking a command record that checks its own shape.
 */
package org.opencpm.application.port.in;
