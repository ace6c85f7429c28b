package io.warren.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Connection;

import io.quarkus.arc.Arc;
import io.quarkus.smallrye.reactivemessaging.runtime.ConnectorContextPropagationDecorator;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.PublisherDecorator;
import io.warren.quarkus.runtime.ChannelContextDecorator;

/**
 * Warren's incoming channels skip Quarkus's per-message context clearing; other channels keep it; handlers still
 * run with no request context active.
 */
class ContextDecoratorTest {

    static final String RUN = TestBroker.sharedRun("warren.context-decorator.run", "ctx");
    static final String QUEUE = RUN + "-orders";

    @ApplicationScoped
    public static class Handler {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Incoming("orders")
        public void take(Order order) {
            seen.add(order.id() + " request-context-active=" + Arc.container().requestContext().isActive());
        }

        List<String> seen() {
            return seen;
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Order.class, Handler.class, TestBroker.class))
            .overrideConfigKey("rabbitmq-host", TestBroker.HOST)
            .overrideConfigKey("rabbitmq-port", TestBroker.PORT)
            .overrideConfigKey("mp.messaging.incoming.orders.connector", "warren")
            .overrideConfigKey("mp.messaging.incoming.orders.exchange.name", "\"\"")
            .overrideConfigKey("mp.messaging.incoming.orders.queue.name", QUEUE)
            .setAfterAllCustomizer(() -> TestBroker.delete(new String[] { QUEUE }, new String[0]));

    @Inject
    Handler handler;

    static Set<Class<?>> decoratorClasses() {
        return Arc.container().beanManager().getBeans(PublisherDecorator.class, Any.Literal.INSTANCE).stream()
                .map(b -> (Class<?>) b.getBeanClass()).collect(Collectors.toSet());
    }

    @Test
    void warrenChannelsAreNotDecoratedAndOthersAre() {
        assertThat(decoratorClasses()).contains(ChannelContextDecorator.class)
                .doesNotContain(ConnectorContextPropagationDecorator.class);
        PublisherDecorator decorator = Arc.container().instance(ChannelContextDecorator.class).get();
        Multi<Message<?>> stream = Multi.createFrom().items(Message.of("x"));
        assertThat(decorator.decorate(stream, List.of("orders"), true)).isSameAs(stream);
        // A channel of another connector (or none) still gets Quarkus's context clearing.
        assertThat(decorator.decorate(stream, List.of("elsewhere"), true)).isNotSameAs(stream);
        assertThat(decorator.decorate(stream, List.of("orders"), false)).isSameAs(stream);
    }

    @Test
    void messagesArriveWithNoRequestContextActive() throws Exception {
        try (Connection c = TestBroker.connect()) {
            com.rabbitmq.client.Channel ch = c.createChannel();
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                try (com.rabbitmq.client.Channel probe = c.createChannel()) {
                    return probe.queueDeclarePassive(QUEUE).getConsumerCount() == 1;
                } catch (Exception e) {
                    return false;
                }
            });
            AMQP.BasicProperties json = new AMQP.BasicProperties.Builder().contentType("application/json").build();
            for (int i = 0; i < 3; i++) {
                ch.basicPublish("", QUEUE, json,
                        ("{\"id\":\"c-" + i + "\",\"quantity\":1}").getBytes(StandardCharsets.UTF_8));
            }
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> handler.seen().size() == 3);
        assertThat(handler.seen()).containsExactly("c-0 request-context-active=false",
                "c-1 request-context-active=false", "c-2 request-context-active=false");
    }
}
