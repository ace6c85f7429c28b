package io.warren.connector.fault;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

import com.rabbitmq.client.AMQP;

import io.warren.connector.IncomingRabbitMQMetadata;
import io.warren.connector.incoming.MessageFailedException;

/**
 * The headers Warren adds to dead-lettered and retried copies. The names are those Spring AMQP's republishing
 * recoverer uses, so that DLQ tooling understands them.
 */
public final class FailureHeaders {

    /** The failure's message. */
    public static final String EXCEPTION_MESSAGE = "x-exception-message";
    /** The failure's class name. */
    public static final String EXCEPTION_TYPE = "x-exception-type";
    /** The failure's stack trace, only with {@code dead-letter.include-stacktrace=true}, bounded. */
    public static final String EXCEPTION_STACKTRACE = "x-exception-stacktrace";
    /** The exchange the message was first published to. */
    public static final String ORIGINAL_EXCHANGE = "x-original-exchange";
    /** The routing key the message was first published with. */
    public static final String ORIGINAL_ROUTING_KEY = "x-original-routingKey";
    /** How many times Warren's retry strategy has republished the message. */
    public static final String RETRY_ATTEMPT = "x-warren-retry-attempt";

    /** Stack traces are cut to this many characters, so that the header frame stays far below the frame limit. */
    static final int MAX_STACKTRACE = 8_000;
    static final int MAX_MESSAGE = 1_000;

    private FailureHeaders() {
    }

    /**
     * The properties of a copy of the message: the original ones, plus the failure and origin headers, plus
     * {@code extra}.
     */
    static AMQP.BasicProperties copyWithFailure(IncomingRabbitMQMetadata original, Throwable reason,
            boolean includeStacktrace, Map<String, Object> extra) {
        Map<String, Object> headers = new HashMap<>();
        Map<String, Object> existing = original.getProperties().getHeaders();
        if (existing != null) {
            headers.putAll(existing);
        }
        Throwable cause = rootOf(reason);
        String message = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
        headers.put(EXCEPTION_MESSAGE, message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message);
        headers.put(EXCEPTION_TYPE, cause == null ? "unknown" : cause.getClass().getName());
        if (includeStacktrace && cause != null) {
            StringWriter sw = new StringWriter();
            cause.printStackTrace(new PrintWriter(sw));
            String trace = sw.toString();
            headers.put(EXCEPTION_STACKTRACE, trace.length() > MAX_STACKTRACE ? trace.substring(0, MAX_STACKTRACE) : trace);
        }
        headers.putIfAbsent(ORIGINAL_EXCHANGE, original.getExchange());
        headers.putIfAbsent(ORIGINAL_ROUTING_KEY, original.getRoutingKey());
        headers.putAll(extra);
        return original.getProperties().builder().headers(headers).build();
    }

    /** The exception worth naming: the user's own, unwrapped from SmallRye's and Warren's wrappers. */
    public static Throwable rootOf(Throwable t) {
        // SmallRye wraps handler failures, and Warren adds the channel and message id; the useful message is the
        // user's exception.
        Throwable current = t;
        while (current != null && current.getCause() != null && current.getCause() != current
                && (current.getClass().getName().startsWith("io.smallrye")
                        || current instanceof MessageFailedException)) {
            current = current.getCause();
        }
        return current;
    }
}
