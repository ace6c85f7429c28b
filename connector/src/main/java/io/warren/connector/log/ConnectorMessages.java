package io.warren.connector.log;

import java.lang.invoke.MethodHandles;

import org.jboss.logging.Messages;
import org.jboss.logging.annotations.MessageBundle;

/**
 * Every exception message the connector builds, each with a stable id (WARREN002000–WARREN002999); docs/message-ids.md
 * lists them. Ids are never reused: a removed message leaves a gap.
 */
@MessageBundle(projectCode = "WARREN")
public interface ConnectorMessages {

    ConnectorMessages MSG = Messages.getBundle(MethodHandles.lookup(), ConnectorMessages.class);
}
