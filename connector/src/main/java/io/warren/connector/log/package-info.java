/**
 * The connector's typed loggers and message bundle (JBoss Logging, project code {@code WARREN}), so that every log
 * line and exception message carries a stable id. Id ranges, so that modules never collide: 1000–1999 connector log
 * lines ({@link io.warren.connector.log.ConnectionLog}, {@link io.warren.connector.log.IncomingLog},
 * {@link io.warren.connector.log.OutgoingLog}, {@link io.warren.connector.log.StreamLog}), 2000–2999 connector
 * exception messages ({@link io.warren.connector.log.ConnectorMessages}), 3000–3999 configuration validation
 * ({@link io.warren.connector.log.ValidationLog}), 4000–5999 the Quarkus extension modules. docs/message-ids.md
 * lists every id, and MessageIdsDocTest keeps it true.
 */
package io.warren.connector.log;
