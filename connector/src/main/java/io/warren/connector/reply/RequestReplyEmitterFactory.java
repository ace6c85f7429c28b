package io.warren.connector.reply;

import static io.warren.connector.log.ConnectorMessages.MSG;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.EmitterConfiguration;
import io.smallrye.reactive.messaging.EmitterFactory;
import io.smallrye.reactive.messaging.annotations.EmitterFactoryFor;
import io.smallrye.reactive.messaging.providers.extension.ChannelProducer;

/** Lets SmallRye create {@link RequestReplyEmitter}s, and CDI inject them with {@code @Channel}. */
@EmitterFactoryFor(RequestReplyEmitter.class)
@ApplicationScoped
public class RequestReplyEmitterFactory implements EmitterFactory<RequestReplyEmitterImpl> {

    @Inject
    ChannelRegistry channels;

    @Override
    public RequestReplyEmitterImpl createEmitter(EmitterConfiguration configuration, long defaultBufferSize) {
        return new RequestReplyEmitterImpl(configuration, defaultBufferSize);
    }

    @Produces
    @Typed(RequestReplyEmitter.class)
    @Channel("")
    <Req, Rep> RequestReplyEmitter<Req, Rep> produce(InjectionPoint injectionPoint) {
        String name = ChannelProducer.getChannelName(injectionPoint);
        RequestReplyEmitterImpl emitter = channels.getEmitter(name, RequestReplyEmitter.class);
        if (emitter == null) {
            throw MSG.noRequestReplyEmitter(name);
        }
        return new RequestReplyEmitterImpl.Typed<>(emitter, replyType(injectionPoint.getType()));
    }

    static Type replyType(Type injected) {
        if (injected instanceof ParameterizedType p && p.getActualTypeArguments().length == 2) {
            return p.getActualTypeArguments()[1];
        }
        return Object.class;
    }
}
