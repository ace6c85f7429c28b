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
 * What publishing to exchanges and requests awaiting replies log (ids WARREN001400–WARREN001599; docs/message-ids.md lists them). Ids are never reused: a removed message leaves a gap.
 */
@MessageLogger(projectCode = "WARREN")
public interface OutgoingLog extends BasicLogger {

    /** A logger under the class's own category, so that category-level settings keep working as before. */
    static OutgoingLog of(Class<?> owner) {
        return Logger.getMessageLogger(MethodHandles.lookup(), OutgoingLog.class, owner.getName());
    }

    @LogMessage(level = ERROR)
    @Message(id = 1400, value = "Channel '%s': the upstream stream failed: %s")
    void upstreamFailed(String channel, String failure);

    @LogMessage(level = DEBUG)
    @Message(id = 1401, value = "Channel '%s': the upstream stream completed")
    void upstreamCompleted(String channel);

    @LogMessage(level = INFO)
    @Message(id = 1402, value = "Channel '%s': %d unconfirmed messages will be published again")
    void publishingAgain(String channel, long count);

    @LogMessage(level = DEBUG)
    @Message(id = 1403, value = "Channel '%s': publish failed (%s); waiting for the channel to come back")
    void publishWaiting(String channel, Object failure);

    @LogMessage(level = WARN)
    @Message(id = 1404, value = "Channel '%s': %d messages not confirmed at shutdown")
    void unconfirmedAtShutdown(String channel, long count);

    @LogMessage(level = WARN)
    @Message(id = 1405, value = "Channel '%s': %s needs RabbitMQ; the broker is %s, so messages are published without "
            + "it")
    void expirationDropped(String channel, String feature, String product);

    @LogMessage(level = DEBUG)
    @Message(id = 1406, value = "Channel '%s': the message's ack or nack threw")
    void settleThrew(@Cause Throwable cause, String channel);

    @LogMessage(level = DEBUG)
    @Message(id = 1500, value = "Channel '%s': replies arrive on %s")
    void repliesArriveOn(String channel, String address);

    @LogMessage(level = DEBUG)
    @Message(id = 1501, value = "Channel '%s': dropping a reply nobody waits for (correlation id %s)")
    void replyDropped(String channel, String correlationId);
}
