package io.warren.connector.outgoing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Date;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AMQP;

import io.warren.connector.OutgoingRabbitMQMetadata;
import io.warren.connector.WarrenConnectorOutgoingConfiguration;
import io.warren.connector.connection.BrokerCapabilities;
import io.warren.connector.support.LogCapture;
import io.warren.connector.support.TestConfig;

/** The AMQP properties of an outgoing message: its metadata first, then the channel's defaults. */
class PublishPropertiesTest {

    private static PublishProperties channel(TestConfig config) {
        return new PublishProperties(new WarrenConnectorOutgoingConfiguration(config.build()));
    }

    @Test
    void withoutMetadataTheChannelDefaultsApply() {
        AMQP.BasicProperties props = channel(TestConfig.channel("out").with("default-ttl", 5000))
                .build(null, "text/plain");
        assertThat(props.getDeliveryMode()).isEqualTo(2);
        assertThat(props.getContentType()).isEqualTo("text/plain");
        assertThat(props.getExpiration()).isEqualTo("5000");
        assertThat(props.getMessageId()).isNotBlank();
        assertThat(props.getTimestamp()).isNotNull();
        assertThat(props.getHeaders()).isNull();
        // Each message gets an id of its own.
        assertThat(channel(TestConfig.channel("out")).build(null, "text/plain").getMessageId())
                .isNotEqualTo(props.getMessageId());
        AMQP.BasicProperties transient_ = channel(TestConfig.channel("out").with("persistent", false))
                .build(null, null);
        assertThat(transient_.getDeliveryMode()).isEqualTo(1);
        assertThat(transient_.getExpiration()).isNull();
    }

    @Test
    void theMetadataWinsOverTheChannelAndTheCodec() {
        Date when = new Date(1_700_000_000_000L);
        OutgoingRabbitMQMetadata md = OutgoingRabbitMQMetadata.builder().withMessageId("m-1").withTimestamp(when)
                .withDeliveryMode(1).withContentType("application/x-order").withExpiration("10")
                .withContentEncoding("gzip").withPriority(7).withCorrelationId("c-1").withReplyTo("answers")
                .withType("order").withUserId("guest").withAppId("shop").withHeader("tenant", "acme").build();
        AMQP.BasicProperties props = channel(TestConfig.channel("out").with("default-ttl", 5000))
                .build(md, "application/json");
        assertThat(props.getMessageId()).isEqualTo("m-1");
        assertThat(props.getTimestamp()).isEqualTo(when);
        assertThat(props.getDeliveryMode()).isEqualTo(1);
        assertThat(props.getContentType()).isEqualTo("application/x-order");
        assertThat(props.getExpiration()).isEqualTo("10");
        assertThat(props.getContentEncoding()).isEqualTo("gzip");
        assertThat(props.getPriority()).isEqualTo(7);
        assertThat(props.getCorrelationId()).isEqualTo("c-1");
        assertThat(props.getReplyTo()).isEqualTo("answers");
        assertThat(props.getType()).isEqualTo("order");
        assertThat(props.getUserId()).isEqualTo("guest");
        assertThat(props.getAppId()).isEqualTo("shop");
        assertThat(props.getHeaders()).containsExactly(Map.entry("tenant", "acme"));
    }

    @Test
    void propertiesTheWireCannotCarryFailTheirMessageNamingTheChannelAndTheId() {
        PublishProperties properties = channel(TestConfig.channel("orders-out"));
        AMQP.BasicProperties bad = properties.build(OutgoingRabbitMQMetadata.builder().withMessageId("m-9")
                .withHeader("score", Double.NaN).build(), "text/plain");
        assertThatThrownBy(() -> properties.check(bad)).isInstanceOf(PublishFailedException.class)
                .hasMessageStartingWith("Channel 'orders-out': message m-9 cannot be published: ");
        properties.check(properties.build(null, "text/plain")); // a plain message passes
    }

    @Test
    void anExpirationIsDroppedOnlyForABrokerOtherThanRabbitMqAndSaidOnce() {
        PublishProperties properties = channel(TestConfig.channel("out").with("default-ttl", 5000));
        AMQP.BasicProperties props = properties.build(null, "text/plain");
        BrokerCapabilities rabbit = new BrokerCapabilities("RabbitMQ", true);
        BrokerCapabilities qpid = new BrokerCapabilities("Qpid", false);
        assertThat(properties.forBroker(props, rabbit, "out")).isSameAs(props);
        try (LogCapture logs = LogCapture.of(PublishProperties.class.getName())) {
            AMQP.BasicProperties first = properties.forBroker(props, qpid, "out");
            AMQP.BasicProperties second = properties.forBroker(props, qpid, "out");
            assertThat(first.getExpiration()).isNull();
            assertThat(second.getExpiration()).isNull();
            assertThat(first.getMessageId()).isEqualTo(props.getMessageId());
            assertThat(logs.containing("published without it")).hasSize(1);
        }
    }
}
