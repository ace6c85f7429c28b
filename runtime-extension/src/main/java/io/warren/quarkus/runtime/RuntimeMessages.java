package io.warren.quarkus.runtime;

import java.lang.invoke.MethodHandles;

import org.jboss.logging.Messages;
import org.jboss.logging.annotations.Cause;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageBundle;
import org.jboss.logging.annotations.ValidIdRange;

/**
 * The exceptions the Quarkus extension throws while the application runs (ids WARREN005000–WARREN005099;
 * docs/message-ids.md lists them). Ids are never reused: a removed message leaves a gap.
 */
@MessageBundle(projectCode = "WARREN")
@ValidIdRange(min = 5000, max = 5099)
public interface RuntimeMessages {

    RuntimeMessages MSG = Messages.getBundle(MethodHandles.lookup(), RuntimeMessages.class);

    @Message(id = 5000, value = "cannot convert a message to %s: %s")
    IllegalArgumentException cannotConvert(String targetType, String reason, @Cause Throwable cause);

    @Message(id = 5001, value = "amqp-client's NIO and Netty transports are not available in a native image built "
            + "with Warren; use the default socket transport")
    UnsupportedOperationException nativeTransportUnavailable();
}
