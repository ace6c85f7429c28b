package io.warren.connector.outgoing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;

import io.warren.connector.IncomingRabbitMQMetadata;
import io.warren.connector.OutgoingRabbitMQMetadata;
import io.warren.connector.WarrenConnectorOutgoingConfiguration;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.observe.ChannelObserver;
import io.warren.connector.reply.ReplyHeaders;
import io.warren.connector.support.TestConfig;

/** Where an outgoing message goes and how: the channel's target, the metadata's, or the request it answers. */
class OutboundTest {

    private final PayloadCodec codec = new PayloadCodec(PayloadCodec.defaultMapper());
    private final PublishProperties properties = new PublishProperties(
            new WarrenConnectorOutgoingConfiguration(TestConfig.channel("out").build()));

    private Outbound of(Message<?> m, boolean rpcReply) {
        return Outbound.of(m, "orders", "order.created", rpcReply, codec, properties, ChannelObserver.NONE);
    }

    /** A message as it came in, asking for a reply. */
    private static Message<String> request(String replyTo) {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().replyTo(replyTo).correlationId("req-1")
                .build();
        return Message.of("answer").addMetadata(
                new IncomingRabbitMQMetadata("in", new Envelope(1, false, "", "requests"), props));
    }

    @Test
    void aPlainMessageGoesToTheChannelTarget() {
        Outbound out = of(Message.of("hello"), false);
        assertThat(out.exchange).isEqualTo("orders");
        assertThat(out.routingKey).isEqualTo("order.created");
        assertThat(new String(out.body, StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(out.props.getContentType()).startsWith("text/plain");
        assertThat(out.mandatory(true)).isTrue();
        assertThat(out.mandatory(false)).isFalse();
    }

    @Test
    void theMetadataRoutesTheMessageAndItsContentTypeSelectsTheCodec() {
        Outbound out = of(Message.of(Map.of("id", 7))
                .addMetadata(OutgoingRabbitMQMetadata.builder().withExchange("audit").withRoutingKey("k")
                        .withContentType("application/json").build()), false);
        assertThat(out.exchange).isEqualTo("audit");
        assertThat(out.routingKey).isEqualTo("k");
        assertThat(out.props.getContentType()).isEqualTo("application/json");
        assertThat(new String(out.body, StandardCharsets.UTF_8)).isEqualTo("{\"id\":7}");
        // Only the routing key set: the channel's exchange stays.
        Outbound keyed = of(Message.of("x").addMetadata(OutgoingRabbitMQMetadata.builder().withRoutingKey("k2")
                .build()), false);
        assertThat(keyed.exchange).isEqualTo("orders");
        assertThat(keyed.routingKey).isEqualTo("k2");
    }

    @Test
    void anRpcServerAnswersTheRequestOnItsReplyAddressWithItsCorrelationId() {
        Outbound reply = of(request("client-replies"), true);
        assertThat(reply.exchange).isEmpty();
        assertThat(reply.routingKey).isEqualTo("client-replies");
        assertThat(reply.props.getCorrelationId()).isEqualTo("req-1");
        // Not an RPC server channel: the request's reply-to is not followed.
        assertThat(of(request("client-replies"), false).exchange).isEqualTo("orders");
        // Metadata that routes the result explicitly wins over the request.
        Outbound routed = of(request("client-replies").addMetadata(OutgoingRabbitMQMetadata.builder()
                .withRoutingKey("elsewhere").build()), true);
        assertThat(routed.exchange).isEqualTo("orders");
        assertThat(routed.routingKey).isEqualTo("elsewhere");
    }

    @Test
    void aReplyToADirectReplyToAddressIsNeverMandatory() {
        Outbound direct = of(request(ReplyHeaders.DIRECT_REPLY_TO + ".g2dkABFyYWJiaXRA"), true);
        assertThat(direct.mandatory(true)).isFalse();
        Outbound queued = of(request("client-replies"), true);
        assertThat(queued.mandatory(true)).isTrue();
    }

    @Test
    void theObserverMaySetPropertiesBeforeTheyAreChecked() {
        ChannelObserver tracing = new ChannelObserver() {
            @Override
            public AMQP.BasicProperties publishing(Message<?> message, String exchange, String routingKey,
                    AMQP.BasicProperties props) {
                return props.builder().appId("traced:" + exchange + "/" + routingKey).build();
            }
        };
        Outbound out = Outbound.of(Message.of("x"), "orders", "k", false, codec, properties, tracing);
        assertThat(out.props.getAppId()).isEqualTo("traced:orders/k");
    }
}
