package io.warren.connector.validation;

import static io.warren.connector.validation.Channels.incoming;
import static io.warren.connector.validation.Channels.validate;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.warren.connector.WarrenConnector;

/**
 * A channel that moves between connectors by its connector key keeps both connectors' attributes: those the
 * application's other connectors declare are not unknown to Warren, and Warren's own values are still checked.
 */
class OtherConnectorsTest {

    @Test
    void attributesOfOtherConnectorsAreLeftAloneAndTyposStillCaught() {
        ValidationContext context = ValidationContext.of(WarrenConnector.attributes())
                .withOtherConnectors(Map.of("topic", "smallrye-mqtt", "qos", "smallrye-mqtt"));
        assertThat(validate(context, incoming("orders", "connector", "warren", "topic", "a/b", "qos", "1")))
                .isEmpty();
        assertThat(validate(context, incoming("orders", "connector", "warren", "topik", "a/b")))
                .extracting(ConfigProblem::property).containsExactly("mp.messaging.incoming.orders.topik");
        assertThat(validate(incoming("orders", "connector", "warren", "topic", "a/b")))
                .as("without the other connector, 'topic' is unknown").hasSize(1);
    }

    @Test
    void contentTypesMustBeTypeSlashSubtype() {
        assertThat(validate(incoming("orders", "content-type-override", "application/cbor"))).isEmpty();
        assertThat(Channels.only(validate(incoming("orders", "content-type-override", "cbor")),
                "mp.messaging.incoming.orders.content-type-override").problem()).contains("is not a content type");
        assertThat(Channels.only(validate(Channels.outgoing("prices", "content-type", "json")),
                "mp.messaging.outgoing.prices.content-type").fix()).contains("application/json");
    }
}
