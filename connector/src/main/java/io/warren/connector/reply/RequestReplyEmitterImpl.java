package io.warren.connector.reply;

import java.lang.reflect.Type;
import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.EmitterConfiguration;
import io.smallrye.reactive.messaging.providers.extension.MutinyEmitterImpl;

/**
 * The emitter SmallRye creates for a {@link RequestReplyEmitter} channel. The injected view adds the reply type,
 * which only the injection point knows.
 */
public class RequestReplyEmitterImpl extends MutinyEmitterImpl<Object> {

    public RequestReplyEmitterImpl(EmitterConfiguration config, long defaultBufferSize) {
        super(config, defaultBufferSize);
    }

    /** Sends a request message and returns its reply, converted to {@code replyType}. */
    @SuppressWarnings("unchecked")
    <Rep> Uni<Message<Rep>> request(Message<?> request, Type replyType) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<Message<Object>> reply = new CompletableFuture<>();
            Message<?> withRequest = request.addMetadata(new RequestMetadata(replyType, reply))
                    .withNack(failure -> {
                        reply.completeExceptionally(failure);
                        return CompletableFuture.completedFuture(null);
                    });
            sendMessageAndForget((Message<Object>) withRequest);
            return Uni.createFrom().completionStage(reply).map(m -> (Message<Rep>) (Message<?>) m);
        });
    }

    /** The view injected for one injection point. */
    static final class Typed<Req, Rep> implements RequestReplyEmitter<Req, Rep> {
        private final RequestReplyEmitterImpl emitter;
        private final Type replyType;

        Typed(RequestReplyEmitterImpl emitter, Type replyType) {
            this.emitter = emitter;
            this.replyType = replyType;
        }

        @Override
        public Uni<Rep> request(Req request) {
            return emitter.<Rep> request(Message.of(request), replyType).map(Message::getPayload);
        }

        @Override
        public Uni<Message<Rep>> request(Message<Req> request) {
            return emitter.request(request, replyType);
        }
    }
}
