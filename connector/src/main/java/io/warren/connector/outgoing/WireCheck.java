package io.warren.connector.outgoing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;

/**
 * Checks the properties of an outgoing message against what AMQP 0-9-1, amqp-client and RabbitMQ take, before the
 * message is published. Each refusal here was measured on RabbitMQ 3.10 with amqp-client 5.37; without the check:
 * <ul>
 * <li>a {@code NaN} or infinite {@code double} or {@code float} anywhere in the headers makes the broker close the
 * whole connection (541 INTERNAL_ERROR), taking every channel on it down;</li>
 * <li>a value of a type AMQP has no field for (a {@code UUID}, a {@code Character}, an {@code int[]}), a
 * {@code BigDecimal} whose unscaled value needs more than 32 bits or whose scale is outside 0 to 255, a header name
 * or short property over 255 bytes, or properties larger than the frame make amqp-client throw inside
 * {@code basicPublish} after it has counted the publish sequence number, so the channel's confirms no longer match
 * its publishes;</li>
 * <li>more than 32 levels of nested tables and arrays are taken by the broker, but amqp-client refuses the frame when
 * it reads the message back and closes the consumer's connection, again at every redelivery;</li>
 * <li>a delivery mode other than 1 or 2, or an expiration that is not a non-negative whole number, make the broker
 * close the channel (406 PRECONDITION_FAILED); a priority outside 0 to 255 is silently cut to its low byte.</li>
 * </ul>
 */
final class WireCheck {

    /**
     * How many tables and arrays may nest below the headers table: amqp-client refuses a frame with more when it reads
     * it ("Too many levels of nested tables/arrays (max 32)"; measured: 33 tables in all pass, 34 do not).
     */
    static final int MAX_DEPTH = 32;
    /** RabbitMQ's default {@code frame_max}; the properties travel in one frame, minus its 8 bytes of framing. */
    static final int MAX_PROPERTIES_BYTES = 131_072 - 8;
    private static final int SHORT_STRING = 255;

    /** A property AMQP carries as a short string: its name in messages, and how to read it. */
    private record ShortProperty(String name, Function<AMQP.BasicProperties, String> read) {
    }

    private static final List<ShortProperty> SHORT_PROPERTIES = List.of(
            new ShortProperty("content-type", AMQP.BasicProperties::getContentType),
            new ShortProperty("content-encoding", AMQP.BasicProperties::getContentEncoding),
            new ShortProperty("correlation-id", AMQP.BasicProperties::getCorrelationId),
            new ShortProperty("reply-to", AMQP.BasicProperties::getReplyTo),
            new ShortProperty("expiration", AMQP.BasicProperties::getExpiration),
            new ShortProperty("message-id", AMQP.BasicProperties::getMessageId),
            new ShortProperty("type", AMQP.BasicProperties::getType),
            new ShortProperty("user-id", AMQP.BasicProperties::getUserId),
            new ShortProperty("app-id", AMQP.BasicProperties::getAppId),
            new ShortProperty("cluster-id", AMQP.BasicProperties::getClusterId));

    private WireCheck() {
    }

    /**
     * The length of {@code s} in UTF-8, as {@code s.getBytes(UTF_8)} would make it (a lone surrogate becomes one
     * {@code '?'}), without encoding it: the check runs for every message published, and encoding each property
     * and header only to count its bytes was two arrays per value.
     */
    static int utf8Length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 2; // a pair: 4 bytes for 2 chars
                i++;
            } else if (!Character.isSurrogate(c)) {
                bytes += 2;
            }
        }
        return bytes;
    }

    /** The properties' problem, in words naming the property or header, or null when they can be published. */
    static String problem(AMQP.BasicProperties p) {
        Integer mode = p.getDeliveryMode();
        if (mode != null && mode != 1 && mode != 2) {
            return "delivery-mode " + mode + " is neither 1 (transient) nor 2 (persistent); RabbitMQ would close the "
                    + "channel (406 PRECONDITION_FAILED)";
        }
        Integer priority = p.getPriority();
        if (priority != null && (priority < 0 || priority > 255)) {
            return "priority " + priority + " is outside 0 to 255; AMQP carries one byte and would deliver "
                    + (priority & 0xFF);
        }
        String expiration = p.getExpiration();
        if (expiration != null && !expiration.matches("\\d{1,10}")) {
            return "expiration '" + cut(expiration) + "' is not a number of milliseconds (0 or more); RabbitMQ would "
                    + "close the channel (406 PRECONDITION_FAILED)";
        }
        long size = 14; // class, weight, body size and the property flags
        for (ShortProperty property : SHORT_PROPERTIES) {
            String value = property.read().apply(p);
            if (value != null) {
                int bytes = utf8Length(value);
                if (bytes > SHORT_STRING) {
                    return property.name() + " is " + bytes + " bytes long in UTF-8; AMQP takes at most 255";
                }
                size += 1 + bytes;
            }
        }
        Map<String, Object> headers = p.getHeaders();
        if (headers != null) {
            Walk walk = new Walk();
            String problem = walk.table(headers, "", 0);
            if (problem != null) {
                return problem;
            }
            size += walk.bytes;
        }
        if (size > MAX_PROPERTIES_BYTES) {
            return "the properties and headers take " + size + " bytes, more than the " + MAX_PROPERTIES_BYTES
                    + " that fit in one frame; put large values in the body";
        }
        return null;
    }

    /** One pass over a field table, adding up its encoded size. */
    private static final class Walk {
        long bytes;

        String table(Map<?, ?> table, String path, int depth) {
            if (depth > MAX_DEPTH) {
                return "header '" + path + "' nests tables and arrays more than " + MAX_DEPTH + " levels deep; "
                        + "amqp-client consumers refuse such a message and close their connection";
            }
            bytes += 4;
            for (Map.Entry<?, ?> e : table.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    return "header '" + path + "' has a key of type " + typeOf(e.getKey()) + "; table keys are strings";
                }
                String at = path.isEmpty() ? key : path + "." + key;
                int keyBytes = utf8Length(key);
                if (keyBytes > SHORT_STRING) {
                    return "header name '" + cut(at) + "' is " + keyBytes + " bytes long in UTF-8; AMQP takes at most "
                            + "255";
                }
                bytes += 1 + keyBytes;
                String problem = value(e.getValue(), at, depth);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }

        private String value(Object v, String at, int depth) {
            bytes += 1; // the type tag
            if (v == null || v instanceof Boolean || v instanceof Byte) {
                bytes += v == null ? 0 : 1;
            } else if (v instanceof Short) {
                bytes += 2;
            } else if (v instanceof Integer || v instanceof Float) {
                bytes += 4;
                if (v instanceof Float f && (f.isNaN() || f.isInfinite())) {
                    return notFinite(at, f.toString());
                }
            } else if (v instanceof Long || v instanceof Date || v instanceof Double) {
                bytes += 8;
                if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
                    return notFinite(at, d.toString());
                }
            } else if (v instanceof String s) {
                bytes += 4 + utf8Length(s);
            } else if (v instanceof LongString ls) {
                bytes += 4 + ls.length();
            } else if (v instanceof byte[] b) {
                bytes += 4 + b.length;
            } else if (v instanceof BigDecimal d) {
                bytes += 5;
                if (d.scale() < 0 || d.scale() > 255) {
                    return "header '" + at + "' is the decimal " + cut(d.toString()) + " with scale " + d.scale()
                            + "; AMQP decimals take a scale of 0 to 255";
                }
                BigInteger unscaled = d.unscaledValue();
                if (unscaled.bitLength() > 31) {
                    return "header '" + at + "' is the decimal " + cut(d.toString()) + ", whose digits do not fit the "
                            + "32 bits of an AMQP decimal; send it as a string";
                }
            } else if (v instanceof Map<?, ?> m) {
                return table(m, at, depth + 1);
            } else if (v instanceof List<?> list) {
                return array(list, at, depth + 1);
            } else if (v instanceof Object[] array) {
                return array(java.util.Arrays.asList(array), at, depth + 1);
            } else {
                return "header '" + at + "' is a " + typeOf(v) + ", which AMQP has no field type for; use a string, "
                        + "a number, a boolean, a date, a decimal, bytes, a list or a map";
            }
            return null;
        }

        private String array(List<?> list, String at, int depth) {
            if (depth > MAX_DEPTH) {
                return "header '" + at + "' nests tables and arrays more than " + MAX_DEPTH + " levels deep; "
                        + "amqp-client consumers refuse such a message and close their connection";
            }
            bytes += 4;
            for (int i = 0; i < list.size(); i++) {
                String problem = value(list.get(i), at + "[" + i + "]", depth);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
    }

    private static String notFinite(String at, String value) {
        return "header '" + at + "' is " + value + ", which RabbitMQ cannot store: it would close the whole "
                + "connection (541 INTERNAL_ERROR), and every channel on it";
    }

    private static String typeOf(Object v) {
        return v == null ? "null" : v.getClass().getName();
    }

    private static String cut(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
