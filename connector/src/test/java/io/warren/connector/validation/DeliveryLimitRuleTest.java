package io.warren.connector.validation;

import static io.warren.connector.validation.Channels.incoming;
import static io.warren.connector.validation.Channels.only;
import static io.warren.connector.validation.Channels.validate;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;

import io.warren.connector.support.Broker;

/** {@code queue.x-delivery-limit}: the rule as a plain function, and the broker facts it rests on. */
class DeliveryLimitRuleTest {

    private static final String IN = "mp.messaging.incoming.orders.";

    @Test
    void aQuorumQueueWithADeadLetterQueueTakesALimitQuietly() {
        assertThat(validate(incoming("orders", "queue.x-queue-type", "quorum", "queue.x-delivery-limit", "5",
                "auto-bind-dlq", "true", "failure-strategy", "requeue"))).isEmpty();
    }

    @Test
    void onlyQuorumQueuesTakeALimit() {
        ConfigProblem classic = only(validate(incoming("orders", "queue.x-delivery-limit", "5")),
                IN + "queue.x-delivery-limit");
        assertThat(classic.isError()).isTrue();
        assertThat(classic.problem()).startsWith("RabbitMQ refuses x-delivery-limit for classic queues");
        assertThat(classic.fix()).contains(IN + "queue.x-queue-type=quorum");
        assertThat(only(validate(incoming("orders", "queue.x-queue-type", "stream", "queue.x-delivery-limit", "5")),
                IN + "queue.x-delivery-limit").problem()).contains("for stream queues");
        ConfigProblem undeclared = only(validate(incoming("orders", "queue.declare", "false",
                "queue.x-delivery-limit", "5")), IN + "queue.x-delivery-limit");
        assertThat(undeclared.isError()).isFalse();
        assertThat(undeclared.problem()).contains("no effect with queue.declare=false");
    }

    @Test
    void aLimitWithoutADeadLetterQueueWarnsThatTheBrokerDrops() {
        ConfigProblem p = only(validate(incoming("orders", "queue.x-queue-type", "quorum",
                "queue.x-delivery-limit", "5")), IN + "queue.x-delivery-limit");
        assertThat(p.isError()).isFalse();
        assertThat(p.problem()).contains("RabbitMQ drops a message");
        assertThat(p.fix()).contains(IN + "auto-bind-dlq=true");
    }

    @Test
    void aStrategyThatPutsBackOnAQuorumQueueWithoutALimitWarns() {
        for (String strategy : new String[] { "requeue", "fail" }) {
            ConfigProblem p = only(validate(incoming("orders", "queue.x-queue-type", "quorum", "failure-strategy",
                    strategy)), IN + "failure-strategy");
            assertThat(p.isError()).isFalse();
            assertThat(p.problem()).contains("delivered again for ever");
            assertThat(p.fix()).contains(IN + "queue.x-delivery-limit");
        }
        assertThat(validate(incoming("orders", "queue.x-queue-type", "quorum", "failure-strategy", "reject")))
                .isEmpty();
        assertThat(validate(incoming("orders", "failure-strategy", "requeue"))).isEmpty();
    }

    @Test
    void negativeLimitsAreOutOfRange() {
        ConfigProblem p = only(validate(incoming("orders", "queue.x-queue-type", "quorum", "auto-bind-dlq", "true",
                "queue.x-delivery-limit", "-1")), IN + "queue.x-delivery-limit");
        assertThat(p.isError()).isTrue();
    }

    @Test
    void theBrokerRefusesTheLimitOnClassicAndStreamQueuesAndTakesItOnQuorumQueues() throws Exception {
        String queue = Broker.unique("facts-limit");
        assertThat(refusal(ch -> ch.queueDeclare(queue, true, false, false, Map.of("x-delivery-limit", 5L))))
                .contains("PRECONDITION_FAILED - invalid arg 'x-delivery-limit'");
        assertThat(refusal(ch -> ch.queueDeclare(queue, true, false, false,
                Map.of("x-queue-type", "stream", "x-delivery-limit", 5L))))
                .contains("PRECONDITION_FAILED - invalid arg 'x-delivery-limit'");
        assertThat(refusal(ch -> {
            ch.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "quorum", "x-delivery-limit", 5L));
            ch.queueDelete(queue);
        })).isNull();
    }

    private interface ThrowingAction {
        void run(Channel channel) throws IOException;
    }

    /** The broker's reason for refusing, or null when it accepted. */
    private static String refusal(ThrowingAction action) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(Broker.HOST);
        f.setPort(Broker.PORT);
        f.setAutomaticRecoveryEnabled(false);
        try (Connection c = f.newConnection("warren-delivery-limit-facts")) {
            try {
                action.run(c.createChannel());
                return null;
            } catch (IOException e) {
                return ((ShutdownSignalException) e.getCause()).getReason().protocolMethodName() + " "
                        + e.getCause().getMessage();
            }
        }
    }
}
