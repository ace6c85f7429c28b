package io.warren.quarkus.runtime;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;

import io.smallrye.reactive.messaging.MessageConverter;
import io.warren.connector.IncomingRabbitMQMetadata;
import io.warren.connector.WarrenConnector;
import io.warren.connector.convert.PayloadCodec;

/**
 * Reads the raw {@code byte[]} payloads of other connectors' channels (MQTT, for one) into the application type a
 * method takes, with Warren's codecs, as a Warren channel would: a channel moved from Warren to another connector
 * keeps its {@code void handle(Order o)} method. Such connectors carry no content type, so bodies are read as JSON.
 * Warren's own messages are converted by the connector already and are left alone, as are the JDK's and Vert.x's
 * types, which those connectors' own converters handle.
 */
@ApplicationScoped
public class CodecMessageConverter implements MessageConverter {

    private final WarrenConnector connector;

    @Inject
    public CodecMessageConverter(@Connector(WarrenConnector.CONNECTOR_NAME) WarrenConnector connector) {
        this.connector = connector;
    }

    /** Below the default: an application's own converters, and the connectors' own, are tried first. */
    @Override
    public int getPriority() {
        return CONVERTER_DEFAULT_PRIORITY - 10;
    }

    @Override
    public boolean canConvert(Message<?> in, Type target) {
        Class<?> raw = raw(target);
        return raw != null && in.getPayload() instanceof byte[] && !raw.isInstance(in.getPayload())
                && !raw.isPrimitive() && !raw.isArray() && !raw.getName().startsWith("java.")
                && !raw.getName().startsWith("io.vertx.")
                && in.getMetadata(IncomingRabbitMQMetadata.class).isEmpty();
    }

    @Override
    public Message<?> convert(Message<?> in, Type target) {
        PayloadCodec codec = connector.codec();
        try {
            return in.withPayload(codec.decode((byte[]) in.getPayload(), null, null,
                    codec.mapper().getTypeFactory().constructType(target)));
        } catch (PayloadCodec.ConversionException e) {
            throw RuntimeMessages.MSG.cannotConvert(target.getTypeName(), e.getMessage(), e);
        }
    }

    private static Class<?> raw(Type target) {
        if (target instanceof Class<?> c) {
            return c;
        }
        return target instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c ? c : null;
    }
}
