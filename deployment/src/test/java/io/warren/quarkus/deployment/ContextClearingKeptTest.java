package io.warren.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.smallrye.reactivemessaging.runtime.ConnectorContextPropagationDecorator;
import io.quarkus.test.QuarkusUnitTest;
import io.warren.quarkus.runtime.ChannelContextDecorator;

/** {@code quarkus.warren.clear-contexts-per-message=true} keeps Quarkus's own decorator for every channel. */
class ContextClearingKeptTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Order.class, ContextDecoratorTest.class,
                    ContextDecoratorTest.Handler.class, TestBroker.class))
            .overrideConfigKey("quarkus.warren.clear-contexts-per-message", "true")
            .overrideConfigKey("rabbitmq-host", TestBroker.HOST)
            .overrideConfigKey("rabbitmq-port", TestBroker.PORT)
            .overrideConfigKey("mp.messaging.incoming.orders.connector", "warren")
            .overrideConfigKey("mp.messaging.incoming.orders.exchange.name", "\"\"")
            .overrideConfigKey("mp.messaging.incoming.orders.queue.name", ContextDecoratorTest.QUEUE + "-kept")
            .setAfterAllCustomizer(
                    () -> TestBroker.delete(new String[] { ContextDecoratorTest.QUEUE + "-kept" }, new String[0]));

    @Test
    void quarkusDecoratorIsKept() {
        assertThat(ContextDecoratorTest.decoratorClasses()).contains(ConnectorContextPropagationDecorator.class)
                .doesNotContain(ChannelContextDecorator.class);
    }
}
