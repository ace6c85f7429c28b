package io.warren.connector.incoming;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * A batch of deliveries ({@code batch=true}), handed to a method taking {@code List<T>} or {@code Message<List<T>>}.
 * Acking it acks every delivery; nacking it hands every delivery to the failure strategy.
 *
 * @param <T> the element type
 */
public final class IncomingRabbitMQBatch<T> implements Message<List<T>> {

    private final List<IncomingRabbitMQMessage<T>> messages;
    private final List<T> payloads;
    private final Metadata metadata;

    IncomingRabbitMQBatch(List<IncomingRabbitMQMessage<T>> messages) {
        this.messages = List.copyOf(messages);
        List<T> p = new ArrayList<>(messages.size());
        messages.forEach(m -> p.add(m.getPayload()));
        this.payloads = java.util.Collections.unmodifiableList(p);
        this.metadata = Metadata.of(new IncomingRabbitMQBatchMetadata(
                messages.stream().map(IncomingRabbitMQMessage::getRabbitMetadata).toList()));
    }

    @Override
    public List<T> getPayload() {
        return payloads;
    }

    @Override
    public Metadata getMetadata() {
        return metadata;
    }

    /** The deliveries of this batch, each with its own metadata. */
    public List<IncomingRabbitMQMessage<T>> getMessages() {
        return messages;
    }

    @Override
    public Function<Metadata, CompletionStage<Void>> getAckWithMetadata() {
        return this::ack;
    }

    @Override
    public BiFunction<Throwable, Metadata, CompletionStage<Void>> getNackWithMetadata() {
        return this::nack;
    }

    @Override
    public CompletionStage<Void> ack(Metadata md) {
        return CompletableFuture.allOf(messages.stream().map(m -> m.ack(md).toCompletableFuture())
                .toArray(CompletableFuture[]::new));
    }

    @Override
    public CompletionStage<Void> nack(Throwable reason, Metadata md) {
        return CompletableFuture.allOf(messages.stream().map(m -> m.nack(reason, md).toCompletableFuture())
                .toArray(CompletableFuture[]::new));
    }
}
