/**
 * The connector's typed loggers and message bundles (JBoss Logging, project code {@code WARREN}). Id ranges, so that
 * modules never collide: 1000–1999 connector log lines ({@link io.warren.connector.log.ConnectorLog}), 2000–2999
 * connector exception messages ({@link io.warren.connector.log.ConnectorMessages}), 3000–3999 configuration
 * validation, 4000–5999 the Quarkus extension modules. docs/message-ids.md lists every id, and a test keeps it true.
 */
package io.warren.connector.log;
