package io.warren.connector.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;

import io.warren.connector.support.Order;
import io.warren.connector.support.OrderLineCodec;

/** How codecs are chosen: by content type inbound, by channel, metadata or class outbound, in priority order. */
class CodecSelectionTest {

    private final PayloadCodec codecs = new PayloadCodec(PayloadCodec.defaultMapper(), List.of(new OrderLineCodec()));
    private final JavaType order = codecs.mapper().constructType(Order.class);
    private final JavaType string = codecs.mapper().constructType(String.class);
    private final JavaType bytes = codecs.mapper().constructType(byte[].class);
    private final JavaType object = codecs.mapper().constructType(Object.class);

    @Test
    void inboundTheContentTypeSelectsTheCodec() throws Exception {
        byte[] json = "{\"id\":\"a\",\"quantity\":2}".getBytes(StandardCharsets.UTF_8);
        byte[] cbor = new CBORMapper().writeValueAsBytes(Map.of("id", "b", "quantity", 3));
        byte[] line = "c;4".getBytes(StandardCharsets.UTF_8);
        assertThat(((Order) codecs.decode(json, "application/json", null, order)).id).isEqualTo("a");
        assertThat(((Order) codecs.decode(json, "application/vnd.acme.order+json; charset=utf-8", null, order)).id)
                .isEqualTo("a");
        assertThat(((Order) codecs.decode(json, null, null, order)).id).as("no content type: JSON").isEqualTo("a");
        Order fromCbor = (Order) codecs.decode(cbor, "application/cbor", null, order);
        assertThat(fromCbor.id + fromCbor.quantity).isEqualTo("b3");
        Order fromLine = (Order) codecs.decode(line, "application/x-order-line", null, order);
        assertThat(fromLine.id + fromLine.quantity).isEqualTo("c4");
        // Raw views: any body as bytes; text, JSON and XML as a String; Object gets a Map for JSON, a String for text.
        assertThat((byte[]) codecs.decode(cbor, "application/cbor", null, bytes)).isEqualTo(cbor);
        assertThat(codecs.decode(json, "application/json", null, string)).isEqualTo(new String(json,
                StandardCharsets.UTF_8));
        assertThat(codecs.decode("é".getBytes(StandardCharsets.ISO_8859_1), "text/plain; charset=ISO-8859-1", null,
                string)).isEqualTo("é");
        assertThat(codecs.decode(json, "application/json", null, object)).isInstanceOf(Map.class);
        assertThat(codecs.decode(line, "text/plain", null, object)).isEqualTo("c;4");
    }

    @Test
    void aContentTypeNoCodecReadsIsAConversionErrorNamingTheCodecs() {
        assertThatThrownBy(() -> codecs.decode(new byte[] { 1 }, "application/x-protobuf", null, order))
                .isInstanceOf(PayloadCodec.ConversionException.class)
                .hasMessageContaining("content type 'application/x-protobuf' cannot be converted to a "
                        + Order.class.getName())
                .hasMessageContaining("no codec reads it")
                .hasMessageContaining("application/cbor").hasMessageContaining("application/x-order-line");
        // Known, but not into that type: CBOR is not a String.
        assertThatThrownBy(() -> codecs.decode(new byte[] { 1 }, "application/cbor", null, string))
                .isInstanceOf(PayloadCodec.ConversionException.class).hasMessageContaining("into that type");
        assertThatThrownBy(() -> codecs.decode("x;y".getBytes(), "application/x-order-line", null, order))
                .isInstanceOf(PayloadCodec.ConversionException.class)
                .hasMessageContaining("the quantity is not a number");
    }

    @Test
    void outboundTheClassThenTheChannelThenTheMetadataDecide() throws Exception {
        Order o = new Order("o-1", 5);
        // By class: user codecs come first at the default priority, then bytes, JSON, text.
        assertThat(codecs.encode(o).contentType()).isEqualTo(OrderLineCodec.TYPE);
        assertThat(new String(codecs.encode(o).body(), StandardCharsets.UTF_8)).isEqualTo("o-1;5");
        PayloadCodec builtIn = new PayloadCodec(PayloadCodec.defaultMapper());
        assertThat(builtIn.encode(o).contentType()).isEqualTo("application/json");
        assertThat(builtIn.encode("hi").contentType()).isEqualTo("text/plain");
        assertThat(builtIn.encode(new byte[] { 1 }).contentType()).isEqualTo("application/octet-stream");
        // By channel: CBOR, readable by any CBOR reader.
        PayloadCodec.Encoded cbor = builtIn.forChannel("application/cbor", null).encode(o);
        assertThat(cbor.contentType()).isEqualTo("application/cbor");
        assertThat(new CBORMapper().readTree(cbor.body()).get("id").asText()).isEqualTo("o-1");
        // The metadata's content type wins where a codec writes it, and is only the property otherwise.
        PayloadCodec.Encoded asJson = builtIn.forChannel("application/cbor", null).encode(o, "application/json");
        assertThat(new ObjectMapper().readTree(asJson.body()).get("quantity").asInt()).isEqualTo(5);
        PayloadCodec.Encoded preEncoded = builtIn.encode("{\"a\":1}".getBytes(), "application/json");
        assertThat(preEncoded.contentType()).isEqualTo("application/json");
        assertThat(new String(preEncoded.body())).isEqualTo("{\"a\":1}");
        // A channel content type nobody writes is an error, not a silent fallback.
        assertThatThrownBy(() -> builtIn.forChannel("application/x-protobuf", null).encode(o))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no codec writes content type 'application/x-protobuf' for a "
                        + Order.class.getName());
    }

    @Test
    void theIncomingOverrideReplacesTheMessagesContentType() throws Exception {
        byte[] cbor = new CBORMapper().writeValueAsBytes(Map.of("id", "z", "quantity", 1));
        PayloadCodec channel = codecs.forChannel(null, "application/cbor");
        assertThat(((Order) channel.decode(cbor, "application/octet-stream", null, order)).id).isEqualTo("z");
        assertThat(((Order) channel.decode(cbor, null, null, order)).id).isEqualTo("z");
    }

    @Test
    void priorityOrdersCodecsAndAHigherOneComesAfterTheBuiltIns() throws Exception {
        OrderLineCodec late = new OrderLineCodec();
        Codec<Order> lateCodec = new Codec<>() {
            @Override
            public Class<Order> type() {
                return Order.class;
            }

            @Override
            public List<String> contentTypes() {
                return List.of("application/x-late");
            }

            @Override
            public int priority() {
                return BUILT_IN_PRIORITY + 1;
            }

            @Override
            public byte[] encode(Order payload, String contentType) {
                return new byte[0];
            }

            @Override
            public Order decode(byte[] body, String contentType, JavaType target) {
                return new Order("late", 0);
            }
        };
        PayloadCodec both = new PayloadCodec(PayloadCodec.defaultMapper(), List.of(lateCodec, late));
        assertThat(both.codecs().get(0)).isSameAs(late);
        assertThat(both.codecs().get(both.codecs().size() - 1)).isSameAs(lateCodec);
        // By class, JSON (built in) now comes before the late codec.
        assertThat(new PayloadCodec(PayloadCodec.defaultMapper(), List.of(lateCodec)).encode(new Order("a", 1))
                .contentType()).isEqualTo("application/json");
        assertThat(((Order) both.decode(new byte[0], "application/x-late", null, order)).id).isEqualTo("late");
    }

    @Test
    void contentTypePatterns() {
        assertThat(ContentTypes.matches("*/*+json", "application/problem+json")).isTrue();
        assertThat(ContentTypes.matches("*/*+json", "application/json")).isTrue();
        assertThat(ContentTypes.matches("text/*", "text/csv")).isTrue();
        assertThat(ContentTypes.matches("text/*", "application/text")).isFalse();
        assertThat(ContentTypes.mime("Application/JSON ; charset=UTF-8")).isEqualTo("application/json");
        assertThat(ContentTypes.valid("application/cbor")).isTrue();
        assertThat(ContentTypes.valid("cbor")).isFalse();
        assertThat(ContentTypes.valid("application/*")).isFalse();
    }
}
