package io.warren.connector.outgoing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.impl.LongStringHelper;

/** The wire-form check as a plain function: what passes, and the reason for what does not. */
class WireCheckTest {

    private static String headers(Map<String, Object> headers) {
        return WireCheck.problem(new AMQP.BasicProperties.Builder().headers(headers).build());
    }

    private static Map<String, Object> one(Object value) {
        Map<String, Object> m = new HashMap<>();
        m.put("h", value);
        return m;
    }

    @Test
    void everyFieldTableTypePasses() {
        Map<String, Object> h = new HashMap<>();
        h.put("string", "text é ✓");
        h.put("long-string", LongStringHelper.asLongString("long"));
        h.put("int", 1);
        h.put("long", Long.MAX_VALUE);
        h.put("short", (short) 2);
        h.put("byte", (byte) 3);
        h.put("bool", true);
        h.put("float", 1.5f);
        h.put("double", -0.0d);
        h.put("decimal", new BigDecimal("-2147483.648"));
        h.put("timestamp", new Date(0));
        h.put("bytes", new byte[] { 0, (byte) 0xFF });
        h.put("null", null);
        h.put("table", Map.of("inner", Map.of("deeper", List.of(1, "a", Map.of()))));
        h.put("array", List.of(1, 2L, "x", List.of()));
        h.put("object-array", new Object[] { 1, null, "x" });
        assertThat(headers(h)).isNull();
        assertThat(WireCheck.problem(new AMQP.BasicProperties.Builder().deliveryMode(2).priority(255)
                .expiration("0").messageId("m".repeat(255)).build())).isNull();
    }

    @Test
    void notANumberAndInfinityAreRefusedAnywhere() {
        assertThat(headers(one(Double.NaN))).startsWith("header 'h' is NaN, which RabbitMQ cannot store")
                .contains("541 INTERNAL_ERROR");
        assertThat(headers(one(Float.POSITIVE_INFINITY))).startsWith("header 'h' is Infinity");
        assertThat(headers(one(Map.of("a", List.of(1, Double.NEGATIVE_INFINITY)))))
                .startsWith("header 'h.a[1]' is -Infinity");
        assertThat(headers(one(new Object[] { Float.NaN }))).startsWith("header 'h[0]' is NaN");
    }

    @Test
    void valuesAmqpCannotCarryAreRefusedWithTheReason() {
        assertThat(headers(one(UUID.randomUUID()))).startsWith("header 'h' is a java.util.UUID, which AMQP has no "
                + "field type for");
        assertThat(headers(one('c'))).contains("java.lang.Character");
        assertThat(headers(one(new int[] { 1 }))).contains("[I");
        assertThat(headers(one(new BigDecimal("12345678901234567890")))).contains("do not fit the 32 bits");
        assertThat(headers(one(new BigDecimal("1E+5")))).contains("scale -5");
        assertThat(headers(one(new BigDecimal("1E-300")))).contains("scale 300");
        assertThat(headers(Map.of("k".repeat(256), 1))).startsWith("header name 'kkk").contains("256 bytes");
        assertThat(headers(one("x".repeat(140_000)))).contains("more than the 131064 that fit in one frame");
        assertThat(headers(one(Map.of(1, "x")))).contains("a key of type java.lang.Integer");
    }

    @Test
    void nestingBeyondWhatTheClientReadsIsRefused() {
        assertThat(headers(nested(33))).isNull();
        assertThat(headers(nested(34))).contains("more than 32 levels deep");
        Object list = 1;
        for (int i = 0; i < 33; i++) {
            list = Arrays.asList(list);
        }
        assertThat(headers(one(list))).contains("more than 32 levels deep");
    }

    /** {@code tables} tables in all, the headers table included. */
    private static Map<String, Object> nested(int tables) {
        Map<String, Object> m = Map.of("leaf", 1);
        for (int i = 1; i < tables; i++) {
            m = Map.of("n", m);
        }
        return m;
    }

    @Test
    void propertiesTheBrokerRefusesAreRefused() {
        assertThat(WireCheck.problem(new AMQP.BasicProperties.Builder().deliveryMode(3).build()))
                .startsWith("delivery-mode 3 is neither 1");
        assertThat(WireCheck.problem(new AMQP.BasicProperties.Builder().priority(300).build()))
                .contains("would deliver 44");
        assertThat(WireCheck.problem(new AMQP.BasicProperties.Builder().expiration("-5").build()))
                .startsWith("expiration '-5' is not a number");
        assertThat(WireCheck.problem(new AMQP.BasicProperties.Builder().expiration("soon").build()))
                .startsWith("expiration 'soon'");
        assertThat(WireCheck.problem(new AMQP.BasicProperties.Builder().messageId("é".repeat(128)).build()))
                .startsWith("message-id is 256 bytes long");
    }

    @Test
    void byteLengthsAreCountedAsTheEncoderWritesThem() {
        String pair = "\uD83D\uDE00"; // one character outside the BMP: 4 bytes
        for (String sample : List.of("", "plain", "é", "✓", pair, "a\uD800b", "\uDC00", "\uD800", "x" + pair + "é✓",
                "é".repeat(300))) {
            assertThat(WireCheck.utf8Length(sample)).as(sample)
                    .isEqualTo(sample.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        }
        // 255 bytes pass, 256 do not, whatever the mix of one-, two- and four-byte characters.
        assertThat(WireCheck.problem(new AMQP.BasicProperties.Builder().messageId("é".repeat(127) + "a").build()))
                .isNull();
        assertThat(WireCheck.problem(new AMQP.BasicProperties.Builder().appId(pair.repeat(63) + "abc").build()))
                .isNull();
        assertThat(WireCheck.problem(new AMQP.BasicProperties.Builder().appId(pair.repeat(64)).build()))
                .startsWith("app-id is 256 bytes long");
        assertThat(WireCheck.problem(new AMQP.BasicProperties.Builder()
                .headers(java.util.Map.of("✓".repeat(86), 1)).build())).contains("258 bytes");
    }
}
