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
 * What consuming from queues logs: acks, failure strategies, deduplication (ids WARREN001100–WARREN001399; docs/message-ids.md lists them). Ids are never reused: a removed message leaves a gap.
 */
@MessageLogger(projectCode = "WARREN")
public interface IncomingLog extends BasicLogger {

    /** A logger under the class's own category, so that category-level settings keep working as before. */
    static IncomingLog of(Class<?> owner) {
        return Logger.getMessageLogger(MethodHandles.lookup(), IncomingLog.class, owner.getName());
    }

    @LogMessage(level = DEBUG)
    @Message(id = 1100, value = "Channel '%s': delivery %d belongs to a channel that was recovered; the broker "
            + "redelivers it")
    void deliveryOfRecoveredChannel(String channel, long tag);

    @LogMessage(level = DEBUG)
    @Message(id = 1101, value = "Channel '%s': delivery %d was already settled")
    void deliveryAlreadySettled(String channel, long tag);

    @LogMessage(level = DEBUG)
    @Message(id = 1102, value = "Channel '%s': could not settle a delivery; the broker will redeliver it")
    void settleFailed(@Cause Throwable cause, String channel);

    @LogMessage(level = ERROR)
    @Message(id = 1200, value = "Channel '%s': cannot declare the retry queue '%s' (%s); requeueing message %s")
    void retryQueueFailed(String channel, String queue, String reason, String messageId);

    @LogMessage(level = INFO)
    @Message(id = 1201, value = "Channel '%s': message %s failed; retry %d of %d in %d ms")
    void retrying(String channel, String messageId, long attempt, long retries, long delayMs);

    @LogMessage(level = ERROR)
    @Message(id = 1202, value = "Channel '%s': cannot schedule a retry of message %s (%s); requeueing it")
    void retryFailed(String channel, String messageId, String reason);

    @LogMessage(level = ERROR)
    @Message(id = 1203, value = "Channel '%s': message %s failed on its last delivery (x-delivery-count %d, "
            + "queue.x-delivery-limit %d); rejecting it to the queue's dead-lettering")
    void lastDeliveryRejected(String channel, String messageId, long count, long limit);

    @LogMessage(level = WARN)
    @Message(id = 1204, value = "Channel '%s': message %s failed on its last delivery (x-delivery-count %d, "
            + "queue.x-delivery-limit %d); dead-lettering it")
    void lastDeliveryDeadLettered(String channel, String messageId, long count, long limit);

    @LogMessage(level = INFO)
    @Message(id = 1205, value = "Channel '%s': message %s dead-lettered to exchange '%s' with key '%s'")
    void deadLettered(String channel, String messageId, String exchange, String routingKey);

    @LogMessage(level = ERROR)
    @Message(id = 1206, value = "Channel '%s': cannot dead-letter message %s to exchange '%s' with routing key '%s' "
            + "(%s); requeueing it in %d ms")
    void deadLetterFailed(String channel, String messageId, String exchange, String routingKey, String reason,
            long requeueMs);

    @LogMessage(level = DEBUG)
    @Message(id = 1300, value = "Channel '%s': consuming from queue '%s'")
    void consuming(String channel, String queue);

    @LogMessage(level = WARN)
    @Message(id = 1301, value = "Channel '%s': the broker cancelled the consumer on queue '%s'; subscribing again")
    void consumerCancelled(String channel, String queue);

    @LogMessage(level = ERROR)
    @Message(id = 1302, value = "Channel '%s': failure-strategy 'fail': stopping the stream: %s")
    void failStopping(String channel, Object reason);

    @LogMessage(level = DEBUG)
    @Message(id = 1303, value = "Channel '%s': cancel failed")
    void cancelFailed(@Cause Throwable cause, String channel);

    @LogMessage(level = WARN)
    @Message(id = 1304, value = "Channel '%s': messages still in flight after shutdown-timeout; the broker redelivers "
            + "them")
    void inFlightAtShutdown(String channel);

    @LogMessage(level = ERROR)
    @Message(id = 1305, value = "Channel '%s': message %s (tag %d) failed: %s")
    void messageFailed(String channel, String messageId, long tag, String reason);

    @LogMessage(level = ERROR)
    @Message(id = 1306, value = "Channel '%s': the failure strategy threw; rejecting message %s")
    void failureStrategyThrew(@Cause Throwable cause, String channel, String messageId);

    @LogMessage(level = WARN)
    @Message(id = 1307, value = "Channel '%s': could not send the error reply to %s for message %s: %s")
    void errorReplyFailed(String channel, String replyTo, String messageId, String reason);

    @LogMessage(level = WARN)
    @Message(id = 1308, value = "Channel '%s': these settings need RabbitMQ and are ignored by %s: %s")
    void settingsIgnored(String channel, String product, String settings);

    @LogMessage(level = ERROR)
    @Message(id = 1309, value = "Channel '%s': cannot hand delivery %d to the failure strategy; requeueing it in %d ms")
    void handOffFailed(@Cause Throwable cause, String channel, long tag, long requeueMs);

    @LogMessage(level = INFO)
    @Message(id = 1310, value = "Channel '%s': declared the dead-letter exchange '%s' and queue '%s'")
    void deadLetterDeclared(String channel, String exchange, String queue);

    @LogMessage(level = ERROR)
    @Message(id = 1311, value = "Channel '%s': %s")
    void deadLetterTopologyFailed(String channel, String note);

    @LogMessage(level = DEBUG)
    @Message(id = 1320, value = "Channel '%s': message %s was already processed; acking the duplicate")
    void duplicateAcked(String channel, String messageId);

    @LogMessage(level = DEBUG)
    @Message(id = 1321, value = "Channel '%s': message %s is being processed elsewhere; putting it back in %d ms")
    void processedElsewhere(String channel, String messageId, long deferMs);

    @LogMessage(level = WARN)
    @Message(id = 1322, value = "Channel '%s': message %s was processed but the deduplication store '%s' did not "
            + "record it: %s")
    void dedupNotRecorded(String channel, String messageId, String store, String reason);

    @LogMessage(level = DEBUG)
    @Message(id = 1323, value = "Channel '%s': could not release the claim on message %s (%s); it lapses after %s")
    void claimLapses(String channel, String messageId, String reason, Object lease);

    @LogMessage(level = DEBUG)
    @Message(id = 1324, value = "Channel '%s': could not release the claim on message %s (%s)")
    void claimNotReleased(String channel, String messageId, String reason);
}
