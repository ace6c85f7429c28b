package io.warren.connector.stream;

import java.util.Map;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.JavaType;

import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.warren.connector.IncomingRabbitMQMetadata;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.fault.FailureHandler;
import io.warren.connector.fault.FailureHeaders;
import io.warren.connector.incoming.DeliverySettler;
import io.warren.connector.incoming.IncomingRabbitMQMessage;
import io.warren.connector.incoming.PayloadConversionException;

/**
 * Turns what a partition delivers into the application's message: its metadata (AMQP-like and stream-specific), its
 * payload decoded, and its retry attempt; a payload that cannot be converted goes to the failure strategy instead.
 * {@link StreamIncomingChannel} decides which deliveries are emitted and settles them. Owner thread only.
 */
final class StreamDeliveries {

    private final String name;
    private final StreamTopology topology;
    private final String consumerName;
    private final PayloadCodec codec;
    private final JavaType payloadType;
    private final DeliverySettler settler;
    private final FailureHandler failureHandler;
    private final UnicastProcessor<Message<?>> processor;

    StreamDeliveries(String name, StreamTopology topology, String consumerName, PayloadCodec codec,
            JavaType payloadType, DeliverySettler settler, FailureHandler failureHandler,
            UnicastProcessor<Message<?>> processor) {
        this.name = name;
        this.topology = topology;
        this.consumerName = consumerName;
        this.codec = codec;
        this.payloadType = payloadType;
        this.settler = settler;
        this.failureHandler = failureHandler;
        this.processor = processor;
    }

    void emit(PartitionConsumer.Delivery d) {
        long offset = d.context().offset();
        byte[] body = StreamMessages.body(d.message());
        IncomingRabbitMQMetadata rabbit = StreamMessages.rabbitMetadata(name, d.from().stream, offset, d.message(),
                d.attempt() == 0 ? Map.of() : Map.of(FailureHeaders.RETRY_ATTEMPT, d.attempt()));
        IncomingStreamMetadata meta = new IncomingStreamMetadata(name, d.from().stream,
                topology.superStream ? topology.name : null, offset, d.context().timestamp(), consumerName,
                d.message());
        Object payload;
        try {
            payload = codec.decode(body, rabbit.getContentType().orElse(null), rabbit.getContentEncoding().orElse(null),
                    payloadType);
        } catch (PayloadCodec.ConversionException e) {
            IncomingRabbitMQMessage<Object> failed = IncomingRabbitMQMessage.of(settler, failureHandler, rabbit, meta,
                    null, body, d.from().epoch);
            failed.nack(new PayloadConversionException(name, failed.describeId(), rabbit.getContentType().orElse(null),
                    payloadType == null ? "the raw payload" : payloadType.toCanonical(), e.getMessage()));
            return;
        }
        processor.onNext(IncomingRabbitMQMessage.of(settler, failureHandler, rabbit, meta, payload, body,
                d.from().epoch));
    }
}
