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
 * What the connections and the AMQP channels under them log (ids WARREN001000–WARREN001099; docs/message-ids.md lists them). Ids are never reused: a removed message leaves a gap.
 */
@MessageLogger(projectCode = "WARREN")
public interface ConnectionLog extends BasicLogger {

    /** A logger under the class's own category, so that category-level settings keep working as before. */
    static ConnectionLog of(Class<?> owner) {
        return Logger.getMessageLogger(MethodHandles.lookup(), ConnectionLog.class, owner.getName());
    }

    @LogMessage(level = WARN)
    @Message(id = 1000, value = "Cannot open the %s connection to %s: %s. Retrying every %d ms")
    void connectionOpenFailed(String role, String target, String reason, long retryMs);

    @LogMessage(level = WARN)
    @Message(id = 1001, value = "The broker blocked the %s connection to %s: %s")
    void connectionBlocked(String role, String target, String reason);

    @LogMessage(level = INFO)
    @Message(id = 1002, value = "The broker unblocked the %s connection to %s")
    void connectionUnblocked(String role, String target);

    @LogMessage(level = INFO)
    @Message(id = 1003, value = "Reconnected the %s connection to %s")
    void reconnected(String role, String target);

    @LogMessage(level = DEBUG)
    @Message(id = 1004, value = "Opened the %s connection to %s")
    void opened(String role, String target);

    @LogMessage(level = WARN)
    @Message(id = 1005, value = "Lost the %s connection to %s (%s); reconnecting every %d ms")
    void connectionLost(String role, String target, String cause, long retryMs);

    @LogMessage(level = DEBUG)
    @Message(id = 1006, value = "Error while closing the %s connection")
    void connectionCloseFailed(@Cause Throwable cause, String role);

    @LogMessage(level = WARN)
    @Message(id = 1007, value = "TLS to %s trusts every server certificate (trust-all): anyone between the application "
            + "and the broker can read and change the traffic. Use it for development only, and set a trust store in "
            + "production")
    void trustAll(String target);

    @LogMessage(level = INFO)
    @Message(id = 1010, value = "Channel '%s': able to %s again")
    void channelBack(String channel, String purpose);

    @LogMessage(level = ERROR)
    @Message(id = 1011, value = "Channel '%s': %s; trying again on next use")
    void channelOpenFailed(String channel, String reason);

    @LogMessage(level = ERROR)
    @Message(id = 1012, value = "Channel '%s': %s; trying again, backing off up to %d s")
    void channelOpenFailedBackingOff(String channel, String reason, long maxBackoffSeconds);

    @LogMessage(level = DEBUG)
    @Message(id = 1013, value = "Channel '%s': %s (attempt %d)")
    void channelOpenAttemptFailed(String channel, String reason, long attempt);

    @LogMessage(level = DEBUG)
    @Message(id = 1014, value = "Channel '%s': error while closing an AMQP channel")
    void channelCloseFailed(@Cause Throwable cause, String channel);

    @LogMessage(level = DEBUG)
    @Message(id = 1020, value = "Channel '%s': dropped a task submitted after shutdown")
    void taskAfterShutdown(String channel);

    @LogMessage(level = ERROR)
    @Message(id = 1021, value = "Channel '%s': unexpected error")
    void unexpectedError(@Cause Throwable cause, String channel);

    @LogMessage(level = DEBUG)
    @Message(id = 1022, value = "Channel '%s': a task on the channel's thread did not finish in time")
    void taskTooLong(String channel);
}
