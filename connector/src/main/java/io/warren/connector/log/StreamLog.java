package io.warren.connector.log;

import static org.jboss.logging.Logger.Level.DEBUG;
import static org.jboss.logging.Logger.Level.ERROR;
import static org.jboss.logging.Logger.Level.INFO;
import static org.jboss.logging.Logger.Level.WARN;

import java.lang.invoke.MethodHandles;

import org.jboss.logging.BasicLogger;
import org.jboss.logging.Logger;
import org.jboss.logging.annotations.Cause;
import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageLogger;

/**
 * What stream channels log, on AMQP or the native stream protocol (ids WARREN001600–WARREN001699; docs/message-ids.md lists them). Ids are never reused: a removed message leaves a gap.
 */
@MessageLogger(projectCode = "WARREN")
public interface StreamLog extends BasicLogger {

    /** A logger under the class's own category, so that category-level settings keep working as before. */
    static StreamLog of(Class<?> owner) {
        return Logger.getMessageLogger(MethodHandles.lookup(), StreamLog.class, owner.getName());
    }

    @LogMessage(level = WARN)
    @Message(id = 1600, value = "Channel '%s': lost the lock of stream '%s' (%s); stopping to read it")
    void lockLost(String channel, String stream, String reason);

    @LogMessage(level = INFO)
    @Message(id = 1601, value = "Channel '%s': this instance now reads stream '%s' as consumer '%s'")
    void lockTaken(String channel, String stream, String consumer);

    @LogMessage(level = DEBUG)
    @Message(id = 1602, value = "Channel '%s': could not delete the locks; they go with the connection")
    void locksNotDeleted(@Cause Throwable cause, String channel);

    @LogMessage(level = INFO)
    @Message(id = 1603, value = "Channel '%s': message %s dead-lettered to stream '%s'")
    void deadLettered(String channel, String messageId, String stream);

    @LogMessage(level = ERROR)
    @Message(id = 1604, value = "Channel '%s': cannot dead-letter message %s to stream '%s' (%s); processing it again "
            + "in %d ms")
    void deadLetterFailed(String channel, String messageId, String stream, String reason, long requeueMs);

    @LogMessage(level = ERROR)
    @Message(id = 1605, value = "Channel '%s': %s; retrying in %d ms")
    void retrying(String channel, String reason, long retryMs);

    @LogMessage(level = DEBUG)
    @Message(id = 1606, value = "Channel '%s': reading stream '%s' as consumer '%s'")
    void reading(String channel, String stream, String consumer);

    @LogMessage(level = WARN)
    @Message(id = 1607, value = "Channel '%s': skipping the message at offset %d of stream '%s' after its failure "
            + "(failure-strategy %s); it stays in the stream")
    void skipped(String channel, long offset, String stream, String strategy);

    @LogMessage(level = ERROR)
    @Message(id = 1608, value = "Channel '%s': failure-strategy 'fail': stopping the stream; the message at offset %d "
            + "and those after it stay uncommitted: %s")
    void failStopping(String channel, long offset, Object reason);

    @LogMessage(level = DEBUG)
    @Message(id = 1609, value = "Channel '%s': message %s has a reply-to, but stream channels do not send error "
            + "replies")
    void noErrorReply(String channel, String messageId);

    @LogMessage(level = WARN)
    @Message(id = 1610, value = "Channel '%s': messages still in flight after shutdown-timeout; they are read again "
            + "at the next start")
    void inFlightAtShutdown(String channel);

    @LogMessage(level = ERROR)
    @Message(id = 1611, value = "%s")
    void publishFailed(String failure);

    @LogMessage(level = ERROR)
    @Message(id = 1612, value = "Channel '%s': the upstream failed: %s")
    void upstreamFailed(String channel, String failure);

    @LogMessage(level = DEBUG)
    @Message(id = 1613, value = "Channel '%s': the upstream completed")
    void upstreamCompleted(String channel);

    @LogMessage(level = WARN)
    @Message(id = 1614, value = "Channel '%s': messages still unconfirmed after shutdown-timeout")
    void unconfirmedAtShutdown(String channel);

    @LogMessage(level = DEBUG)
    @Message(id = 1615, value = "Declared stream '%s'")
    void declared(String stream);

    @LogMessage(level = DEBUG)
    @Message(id = 1616, value = "Declared super stream '%s' with %d partitions")
    void superStreamDeclared(String name, long partitions);
}
