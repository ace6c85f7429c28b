package io.warren.connector.stream;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.stream.Message;
import com.rabbitmq.stream.MessageBuilder;
import com.rabbitmq.stream.Properties;

import io.warren.connector.IncomingRabbitMQMetadata;
import io.warren.connector.OutgoingRabbitMQMetadata;
import io.warren.connector.convert.PayloadCodec;

/**
 * Maps between AMQP 1.0 messages, which the stream protocol carries, and Warren's AMQP 0-9-1 view of a message, so
 * that payload conversion, metadata and failure strategies work the same on both protocols. The mapping follows
 * RabbitMQ's own between the two protocols: headers are application properties, {@code type} is the subject, the
 * timestamp is the creation time.
 */
final class StreamMessages {

    private StreamMessages() {
    }

    /** The body: the data section, or a string value as UTF-8. */
    static byte[] body(Message m) {
        Object body = m.getBody();
        if (body instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        byte[] bytes = m.getBodyAsBinary();
        return bytes == null ? new byte[0] : bytes;
    }

    /**
     * The message as AMQP 0-9-1 sees it: the envelope carries the offset as delivery tag and the stream as routing
     * key; the extra headers (such as a retry attempt) are added to the application properties.
     */
    static IncomingRabbitMQMetadata rabbitMetadata(String channel, String stream, long offset, Message m,
            Map<String, Object> extraHeaders) {
        AMQP.BasicProperties.Builder b = new AMQP.BasicProperties.Builder();
        Properties p = m.getProperties();
        if (p != null) {
            b.messageId(text(p.getMessageId())).correlationId(text(p.getCorrelationId()))
                    .contentType(p.getContentType()).contentEncoding(p.getContentEncoding()).replyTo(p.getReplyTo())
                    .type(p.getSubject())
                    .userId(p.getUserId() == null ? null : new String(p.getUserId(), StandardCharsets.UTF_8));
            if (p.getCreationTime() > 0) {
                b.timestamp(new Date(p.getCreationTime()));
            }
        }
        Map<String, Object> headers = new LinkedHashMap<>();
        Map<String, Object> app = m.getApplicationProperties();
        if (app != null) {
            app.forEach((k, v) -> headers.put(k, header(v)));
        }
        headers.putAll(extraHeaders);
        if (!headers.isEmpty()) {
            b.headers(headers);
        }
        return new IncomingRabbitMQMetadata(channel, new Envelope(offset, false, "", stream), b.build());
    }

    /** The AMQP 1.0 message for an outgoing payload, with the properties of its metadata. */
    static Message outgoing(MessageBuilder builder, PayloadCodec.Encoded encoded, OutgoingRabbitMQMetadata md,
            Long publishingId) {
        if (publishingId != null) {
            builder.publishingId(publishingId);
        }
        MessageBuilder.PropertiesBuilder p = builder.properties();
        String messageId = md != null && md.getMessageId() != null ? md.getMessageId() : UUID.randomUUID().toString();
        p.messageId(messageId);
        p.contentType(md != null && md.getContentType() != null ? md.getContentType() : encoded.contentType());
        p.creationTime(md != null && md.getTimestamp() != null ? md.getTimestamp().getTime() : System.currentTimeMillis());
        if (md != null) {
            if (md.getCorrelationId() != null) {
                p.correlationId(md.getCorrelationId());
            }
            if (md.getContentEncoding() != null) {
                p.contentEncoding(md.getContentEncoding());
            }
            if (md.getReplyTo() != null) {
                p.replyTo(md.getReplyTo());
            }
            if (md.getType() != null) {
                p.subject(md.getType());
            }
            if (md.getUserId() != null) {
                p.userId(md.getUserId().getBytes(StandardCharsets.UTF_8));
            }
            if (!md.getHeaders().isEmpty()) {
                MessageBuilder.ApplicationPropertiesBuilder a = builder.applicationProperties();
                md.getHeaders().forEach((k, v) -> applicationProperty(a, k, v));
            }
        }
        return builder.addData(encoded.body()).build();
    }

    /** Copies AMQP 0-9-1 properties and headers (those of a failed message) onto a new stream message. */
    static Message copy(MessageBuilder builder, AMQP.BasicProperties props, byte[] body) {
        MessageBuilder.PropertiesBuilder p = builder.properties();
        if (props.getMessageId() != null) {
            p.messageId(props.getMessageId());
        }
        if (props.getCorrelationId() != null) {
            p.correlationId(props.getCorrelationId());
        }
        if (props.getContentType() != null) {
            p.contentType(props.getContentType());
        }
        if (props.getContentEncoding() != null) {
            p.contentEncoding(props.getContentEncoding());
        }
        if (props.getType() != null) {
            p.subject(props.getType());
        }
        if (props.getTimestamp() != null) {
            p.creationTime(props.getTimestamp().getTime());
        }
        if (props.getHeaders() != null && !props.getHeaders().isEmpty()) {
            MessageBuilder.ApplicationPropertiesBuilder a = builder.applicationProperties();
            props.getHeaders().forEach((k, v) -> applicationProperty(a, k, v));
        }
        return builder.addData(body).build();
    }

    private static void applicationProperty(MessageBuilder.ApplicationPropertiesBuilder a, String key, Object v) {
        if (v instanceof Integer i) {
            a.entry(key, i);
        } else if (v instanceof Long l) {
            a.entry(key, l);
        } else if (v instanceof Boolean bool) {
            a.entry(key, bool);
        } else if (v instanceof Double d) {
            a.entry(key, d);
        } else if (v instanceof Float f) {
            a.entry(key, f);
        } else if (v instanceof Short s) {
            a.entry(key, s);
        } else if (v instanceof Byte by) {
            a.entry(key, by);
        } else if (v instanceof byte[] bytes) {
            a.entry(key, bytes);
        } else if (v instanceof UUID u) {
            a.entry(key, u);
        } else if (v instanceof Date d) {
            a.entryTimestamp(key, d.getTime());
        } else if (v != null) {
            a.entry(key, v.toString());
        }
    }

    private static Object header(Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof byte[]) {
            return v;
        }
        return v.toString();
    }

    private static String text(Object id) {
        return id == null ? null : id.toString();
    }
}
