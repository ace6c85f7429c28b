package io.warren.connector.fuzz;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.impl.LongStringHelper;

/**
 * A seeded generator of incoming messages for a channel whose payload type is {@code Order {String id; int
 * quantity}}: good ones (valid JSON orders with a quantity of 0 or more, under a content type that means JSON or
 * none) and bad ones of many kinds, each with random properties and headers of every field-table type. Whether a case
 * is good is decided by how it is made, not by trying to decode it.
 */
final class FuzzCases {

    /** One message to publish. */
    record Case(String id, boolean good, String kind, AMQP.BasicProperties props, byte[] body) {
    }

    private static final String[] JSON_TYPES = { "application/json", "application/json; charset=utf-8",
            "application/vnd.warren.order+json", "text/json", null };
    private static final String[] LYING_TYPES = { "text/plain", "application/octet-stream", "application/xml",
            "image/png", "text/html; charset=iso-8859-1" };

    private final Random random;

    FuzzCases(long seed) {
        this.random = new Random(seed);
    }

    Case next(String id) {
        return random.nextBoolean() ? good(id) : bad(id);
    }

    private Case good(String id) {
        StringBuilder json = new StringBuilder("{\"id\":\"").append(id).append("\",\"quantity\":")
                .append(random.nextInt(1000));
        if (random.nextInt(10) == 0) {
            // Unknown fields are ignored: a large note, nested structures.
            json.append(",\"note\":\"").append("n".repeat(random.nextInt(200_000))).append('"');
            json.append(",\"extra\":").append(nested(1 + random.nextInt(50), "[", "]"));
        }
        json.append('}');
        String type = pick(JSON_TYPES);
        String encoding = random.nextInt(4) == 0 ? pick(new String[] { "utf-8", "identity", "UTF8" }) : null;
        return new Case(id, true, "good", props(id, type, encoding), bytes(json.toString()));
    }

    private Case bad(String id) {
        String valid = "{\"id\":\"" + id + "\",\"quantity\":" + random.nextInt(1000) + "}";
        int kind = random.nextInt(11);
        return switch (kind) {
            case 0 -> new Case(id, false, "random bytes", props(id, pickNullable(JSON_TYPES), null), randomBytes());
            case 1 -> new Case(id, false, "truncated JSON", props(id, pick(JSON_TYPES), null),
                    bytes(valid.substring(0, 1 + random.nextInt(valid.length() - 2))));
            case 2 -> new Case(id, false, "deeply nested JSON", props(id, pick(JSON_TYPES), null),
                    bytes(nested(1001 + random.nextInt(3000), "[", "]")));
            case 3 -> new Case(id, false, "wrong types", props(id, pick(JSON_TYPES), null), bytes(wrongTypes(id)));
            case 4 -> new Case(id, false, "huge string", props(id, pick(JSON_TYPES), null),
                    bytes("x".repeat(100_000 + random.nextInt(1_000_000))));
            case 5 -> new Case(id, false, "invalid UTF-8", props(id, pick(JSON_TYPES), null), invalidUtf8(id));
            case 6 -> new Case(id, false, "lying content type", props(id, pick(LYING_TYPES), null), bytes(valid));
            case 7 -> new Case(id, false, "unsupported content-encoding", props(id, pick(JSON_TYPES),
                    pick(new String[] { "gzip", "deflate", "br" })), bytes(valid));
            case 8 -> new Case(id, false, "empty body", props(id, pick(JSON_TYPES), null), new byte[0]);
            case 9 -> new Case(id, false, "JSON that is no order", props(id, pick(JSON_TYPES), null),
                    bytes(pick(new String[] { "[1,2,3]", "\"just a string\"", "42", "true", "[{\"id\":\"a\"}]" })));
            default -> new Case(id, false, "refused by the handler", props(id, pick(JSON_TYPES), null),
                    bytes("{\"id\":\"" + id + "\",\"quantity\":" + (-1 - random.nextInt(1000)) + "}"));
        };
    }

    private String wrongTypes(String id) {
        return switch (random.nextInt(6)) {
            case 0 -> "{\"id\":\"" + id + "\",\"quantity\":\"many\"}";
            case 1 -> "{\"id\":\"" + id + "\",\"quantity\":[1,2]}";
            case 2 -> "{\"id\":\"" + id + "\",\"quantity\":{\"n\":1}}";
            case 3 -> "{\"id\":{\"value\":\"" + id + "\"},\"quantity\":1}";
            case 4 -> "{\"id\":[\"" + id + "\"],\"quantity\":1}";
            default -> "{\"id\":\"" + id + "\",\"quantity\":99999999999999999999}";
        };
    }

    private AMQP.BasicProperties props(String id, String contentType, String encoding) {
        AMQP.BasicProperties.Builder b = new AMQP.BasicProperties.Builder().messageId(id).contentType(contentType)
                .contentEncoding(encoding);
        if (random.nextBoolean()) {
            b.headers(headers());
        }
        if (random.nextBoolean()) {
            b.deliveryMode(1 + random.nextInt(2)).priority(random.nextInt(10))
                    .correlationId(random.nextBoolean() ? "c-" + random.nextLong() : null)
                    .timestamp(new Date(random.nextLong() % 4_000_000_000_000L)).type(random.nextBoolean() ? "t" : null)
                    .appId(random.nextBoolean() ? "fuzz" : null).userId(random.nextBoolean() ? "guest" : null)
                    .expiration(random.nextBoolean() ? "600000" : null);
        }
        return b.build();
    }

    /** Headers of every field-table type, nested, plus the names Warren reads with values of the wrong type. */
    Map<String, Object> headers() {
        Map<String, Object> h = new HashMap<>();
        int n = random.nextInt(8);
        for (int i = 0; i < n; i++) {
            h.put("h" + i, value(random.nextInt(6)));
        }
        if (random.nextInt(4) == 0) {
            h.put(pick(new String[] { "x-delivery-count", "x-death", "x-warren-retry-attempt",
                    "x-first-death-reason" }), value(3));
        }
        return h;
    }

    private Object value(int depth) {
        int type = random.nextInt(depth > 0 ? 17 : 15);
        return switch (type) {
            case 0 -> "s" + random.nextInt();
            case 1 -> LongStringHelper.asLongString("long-" + random.nextInt());
            case 2 -> random.nextInt();
            case 3 -> random.nextLong();
            case 4 -> (short) random.nextInt();
            case 5 -> (byte) random.nextInt();
            case 6 -> random.nextBoolean();
            case 7 -> random.nextFloat() * 1e6f;
            case 8 -> random.nextDouble() * -1e300;
            case 9 -> new BigDecimal(random.nextInt()).movePointLeft(random.nextInt(10));
            case 10 -> new Date((random.nextLong() % 4_000_000_000L) * 1000);
            case 11 -> randomBytes();
            case 12 -> null;
            case 13 -> "é✓".repeat(random.nextInt(300));
            case 14 -> "";
            case 15 -> {
                Map<String, Object> table = new HashMap<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    table.put("t" + i, value(depth - 1));
                }
                yield table;
            }
            default -> {
                List<Object> array = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(value(depth - 1));
                }
                yield array;
            }
        };
    }

    private byte[] randomBytes() {
        byte[] b = new byte[1 + random.nextInt(512)];
        random.nextBytes(b);
        b[0] = (byte) (0x80 | b[0]); // never the start of a JSON document
        return b;
    }

    private byte[] invalidUtf8(String id) {
        byte[] head = bytes("{\"id\":\"" + id);
        byte[] bad = { (byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xE2, (byte) 0x82 };
        byte[] tail = bytes("\",\"quantity\":1}");
        byte[] all = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        System.arraycopy(tail, 0, all, head.length + bad.length, tail.length);
        return all;
    }

    private static String nested(int depth, String open, String close) {
        return open.repeat(depth) + close.repeat(depth);
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private String pickNullable(String[] values) {
        return random.nextInt(values.length + 1) == 0 ? null : pick(values);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
