package io.warren.connector.incoming;

import static io.warren.connector.log.ConnectorMessages.MSG;

import java.util.LinkedHashMap;
import java.util.Map;

import com.rabbitmq.client.AMQP;

import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.reply.ReplyHeaders;

/** The reply sent to a request whose handler failed: the error in headers, and as a small JSON body. */
final class ErrorReplies {

    private ErrorReplies() {
    }

    static AMQP.BasicProperties properties(IncomingRabbitMQMessage<?> request, Throwable reason) {
        Throwable cause = unwrap(reason);
        return new AMQP.BasicProperties.Builder()
                .correlationId(request.getRabbitMetadata().getCorrelationId().orElse(null))
                .contentType(PayloadCodec.JSON)
                .headers(Map.of(ReplyHeaders.ERROR, message(cause), ReplyHeaders.ERROR_TYPE, cause.getClass().getName()))
                .build();
    }

    static byte[] body(PayloadCodec codec, Throwable reason) {
        Throwable cause = unwrap(reason);
        Map<String, String> error = new LinkedHashMap<>();
        error.put("error", message(cause));
        error.put("type", cause.getClass().getName());
        return codec.encode(error, PayloadCodec.JSON).body();
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t == null ? MSG.unknownFailure() : t;
        while (current.getCause() != null && current.getCause() != current
                && current.getClass().getName().startsWith("io.smallrye")) {
            current = current.getCause();
        }
        return current;
    }
}
