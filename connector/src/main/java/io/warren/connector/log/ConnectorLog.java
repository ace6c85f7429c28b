package io.warren.connector.log;

import java.lang.invoke.MethodHandles;

import org.jboss.logging.BasicLogger;
import org.jboss.logging.Logger;
import org.jboss.logging.annotations.MessageLogger;

/**
 * Every line the connector logs, each with a stable id (WARREN001000–WARREN001999) that users can search and alert
 * on; docs/message-ids.md lists them. Ids are never reused: a removed message leaves a gap.
 */
@MessageLogger(projectCode = "WARREN")
public interface ConnectorLog extends BasicLogger {

    /** A logger under the class's own category, so that category-level settings keep working as before. */
    static ConnectorLog of(Class<?> owner) {
        return Logger.getMessageLogger(MethodHandles.lookup(), ConnectorLog.class, owner.getName());
    }
}
