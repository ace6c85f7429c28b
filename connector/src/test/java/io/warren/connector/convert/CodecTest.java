package io.warren.connector.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;

import io.smallrye.mutiny.Multi;
import io.warren.connector.OutgoingRabbitMQMetadata;
import io.warren.connector.incoming.PayloadConversionException;
import io.warren.connector.support.Broker;
import io.warren.connector.support.BrokerTestBed;
import io.warren.connector.support.Order;
import io.warren.connector.support.OrderLineCodec;
import io.warren.connector.support.TestConfig;

/**
 * Codecs through RabbitMQ: a channel configured for CBOR writes CBOR that another client reads, an incoming channel
 * reads each message with the codec its content type names, a user codec works both ways, and a content type no
 * codec reads goes to the failure strategy with an error naming the channel, the message and the content type.
 */
class CodecTest {

    @RegisterExtension
    final BrokerTestBed bed = BrokerTestBed.queue("codec").recordingFailures(m -> m.settleAck())
            .codecs(List.of(new OrderLineCodec()));

    @SuppressWarnings("unchecked")
    private void publish(TestConfig config, Message<?>... messages) {
        Multi.createFrom().items(messages)
                .subscribe((Flow.Subscriber<Message<?>>) bed.connector().getSubscriber(config.build()));
    }

    private TestConfig out() {
        return bed.sender("codec-out");
    }

    @Test
    void aChannelConfiguredForCborWritesCborThatOthersRead() throws Exception {
        publish(out().with("content-type", "application/cbor"), Message.of(new Order("c-1", 7)),
                Message.of(new Order("c-2", 8)).addMetadata(OutgoingRabbitMQMetadata.builder()
                        .withContentType("application/json").build()));
        await().atMost(Duration.ofSeconds(10)).until(() -> bed.broker().count(bed.queue()) == 2);
        GetResponse cbor = bed.broker().get(bed.queue());
        assertThat(cbor.getProps().getContentType()).isEqualTo("application/cbor");
        assertThat(new CBORMapper().readTree(cbor.getBody()).get("quantity").asInt()).isEqualTo(7);
        GetResponse json = bed.broker().get(bed.queue());
        assertThat(json.getProps().getContentType()).isEqualTo("application/json");
        assertThat(new String(json.getBody(), StandardCharsets.UTF_8)).contains("\"id\":\"c-2\"");
    }

    @Test
    void eachMessageIsReadWithTheCodecItsContentTypeNames() throws Exception {
        publish(out().with("content-type", "application/cbor"), Message.of(new Order("cbor", 1)));
        publish(out(), Message.of(new Order("json", 2)).addMetadata(OutgoingRabbitMQMetadata.builder()
                .withContentType("application/json").build()));
        publish(out().with("content-type", OrderLineCodec.TYPE), Message.of(new Order("line", 3)));
        await().atMost(Duration.ofSeconds(10)).until(() -> bed.broker().count(bed.queue()) == 3);
        bed.broker().publish("", bed.queue(), new AMQP.BasicProperties.Builder().contentType("application/x-protobuf")
                .messageId("proto-1").build(), new byte[] { 8, 1 });
        List<String> seen = new CopyOnWriteArrayList<>();
        String channel = Broker.unique("codec-in");
        bed.consume(TestConfig.channel(channel).with("queue.name", bed.queue()).with("queue.declare", false)
                .with("exchange.name", "\"\"").with("payload-type", Order.class.getName())
                .with("failure-strategy", "recording")).subscribe().with(m -> {
                    Order o = (Order) m.getPayload();
                    seen.add(o.id + ":" + o.quantity);
                    m.ack();
                });
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 3 && bed.failures().size() == 1);
        assertThat(seen).containsExactlyInAnyOrder("cbor:1", "json:2", "line:3");
        assertThat(bed.failures().get(0)).isInstanceOf(PayloadConversionException.class)
                .hasMessageContaining("Channel '" + channel + "'").hasMessageContaining("message proto-1")
                .hasMessageContaining("content-type application/x-protobuf")
                .hasMessageContaining("no codec reads it");
        await().atMost(Duration.ofSeconds(5)).until(() -> bed.broker().count(bed.queue()) == 0);
    }
}
