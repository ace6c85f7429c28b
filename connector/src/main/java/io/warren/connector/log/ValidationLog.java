package io.warren.connector.log;

import static org.jboss.logging.Logger.Level.WARN;

import java.lang.invoke.MethodHandles;

import org.jboss.logging.BasicLogger;
import org.jboss.logging.Logger;
import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageLogger;

/**
 * What the configuration validation logs (ids WARREN003000–WARREN003999; docs/message-ids.md lists them). Ids are
 * never reused: a removed message leaves a gap. The errors are not here: they are thrown together as one
 * {@code ChannelConfigException} whose report starts "Warren found N errors", a form builds and tests match on.
 */
@MessageLogger(projectCode = "WARREN")
public interface ValidationLog extends BasicLogger {

    /**
     * The validation's logger. Its category stays {@code io.warren.connector.config}, the package the validator
     * lived in, so that log settings made for it keep working.
     */
    ValidationLog LOG = Logger.getMessageLogger(MethodHandles.lookup(), ValidationLog.class,
            "io.warren.connector.config");

    @LogMessage(level = WARN)
    @Message(id = 3000, value = "Warren configuration: %s")
    void configurationWarning(String problem);
}
