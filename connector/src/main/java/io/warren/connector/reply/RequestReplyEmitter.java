package io.warren.connector.reply;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;

/**
 * Sends requests on an outgoing Warren channel and returns the replies. Inject it with
 * {@code @Inject @Channel("prices") RequestReplyEmitter<PriceRequest, Price> prices;}.
 * <p>
 * Each request gets a correlation id and a reply address: RabbitMQ's direct reply-to where the broker has it, a
 * private exclusive queue elsewhere. The reply is converted to {@code Rep}. A reply that carries an error
 * (header {@code x-warren-error}) fails the {@code Uni} with {@link RemoteProcessingException}; no reply within
 * {@code reply.timeout} fails it with a {@link java.util.concurrent.TimeoutException}.
 *
 * @param <Req> the request payload type
 * @param <Rep> the reply payload type
 */
public interface RequestReplyEmitter<Req, Rep> {

    /** Sends a request; the {@code Uni} completes with the converted reply. */
    Uni<Rep> request(Req request);

    /** Sends a request message, with its metadata; the {@code Uni} completes with the reply message. */
    Uni<Message<Rep>> request(Message<Req> request);
}
