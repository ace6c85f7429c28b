package io.warren.connector.reply;

import java.lang.reflect.Type;
import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Marks an outgoing message as a request: the outgoing channel gives it a reply address and a correlation id and
 * completes {@code reply} with the reply, converted to {@code replyType}.
 *
 * @param replyType the type to convert the reply body to
 * @param reply completed with the reply message, or failed
 */
public record RequestMetadata(Type replyType, CompletableFuture<Message<Object>> reply) {
}
