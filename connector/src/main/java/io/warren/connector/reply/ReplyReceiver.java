package io.warren.connector.reply;

import static io.warren.connector.log.ConnectorMessages.MSG;

import java.io.IOException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.LongString;

import io.warren.connector.IncomingRabbitMQMetadata;
import io.warren.connector.connection.BrokerCapabilities;
import io.warren.connector.connection.ConfinedExecutor;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.log.OutgoingLog;

/**
 * Receives the replies to the requests of one outgoing channel, on that channel's own AMQP channel and thread.
 * <p>
 * Direct reply-to needs the consumer on the very channel that publishes, so this class subscribes on the publishing
 * channel before the first request goes out. Brokers without direct reply-to (anything but RabbitMQ, or
 * {@code reply.mode=queue}) get a private, exclusive, auto-delete queue with a client-chosen name, which survives
 * connection recovery under the same name.
 */
public final class ReplyReceiver {

    private static final OutgoingLog LOG = OutgoingLog.of(ReplyReceiver.class);

    /** {@code reply.mode}: RabbitMQ's direct reply-to on RabbitMQ, a private queue elsewhere. */
    public static final String MODE_AUTO = "auto";
    /** {@code reply.mode}: always RabbitMQ's direct reply-to ({@code amq.rabbitmq.reply-to}). */
    public static final String MODE_DIRECT = "direct";
    /** {@code reply.mode}: always a private, exclusive, auto-delete reply queue. */
    public static final String MODE_QUEUE = "queue";
    /** Every {@code reply.mode}, compared without case. */
    public static final List<String> MODES = List.of(MODE_AUTO, MODE_DIRECT, MODE_QUEUE);

    private record Waiting(RequestMetadata request, ScheduledFuture<?> timeout) {
    }

    private final String channelName;
    private final ConfinedExecutor owner;
    private final PayloadCodec codec;
    private final String mode;
    private final long timeoutMs;
    private final Map<String, Waiting> waiting = new HashMap<>();
    /** The correlation id each request was last published with: a request published again gets a new one. */
    private final Map<RequestMetadata, String> idOf = new IdentityHashMap<>();
    private Channel subscribedOn;
    private String address;

    /**
     * @param mode {@code auto}, {@code direct} or {@code queue}
     */
    public ReplyReceiver(String channelName, ConfinedExecutor owner, PayloadCodec codec, String mode, long timeoutMs) {
        this.channelName = channelName;
        this.owner = owner;
        this.codec = codec;
        this.mode = mode.toLowerCase(Locale.ROOT);
        this.timeoutMs = timeoutMs;
    }

    /** The reply-to address for requests published on this channel, subscribing first if needed. Owner thread. */
    public String address(Channel channel) throws IOException {
        if (subscribedOn == channel && address != null) {
            return address;
        }
        BrokerCapabilities broker = BrokerCapabilities.of(channel.getConnection());
        boolean direct = switch (mode) {
            case MODE_DIRECT -> true;
            case MODE_QUEUE -> false;
            default -> broker.rabbitMq();
        };
        if (direct && !broker.rabbitMq()) {
            throw new BrokerCapabilities.UnsupportedFeatureException(MSG.directReplyUnsupported(channelName,
                    "reply.mode=direct (direct reply-to)", broker.product()));
        }
        DefaultConsumer consumer = new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                owner.execute(() -> received(envelope, props, body));
            }
        };
        if (direct) {
            channel.basicConsume(ReplyHeaders.DIRECT_REPLY_TO, true, consumer);
            address = ReplyHeaders.DIRECT_REPLY_TO;
        } else {
            String queue = "warren.reply." + channelName + "." + java.util.UUID.randomUUID();
            channel.queueDeclare(queue, false, true, true, null);
            channel.basicConsume(queue, true, consumer);
            address = queue;
        }
        subscribedOn = channel;
        LOG.repliesArriveOn(channelName, address);
        return address;
    }

    /**
     * Waits for the reply to a request just published. A request published again after a reconnect gets a new
     * timer: the first one would otherwise fail it early. Owner thread.
     */
    public void expect(String correlationId, RequestMetadata request) {
        String earlierId = idOf.put(request, correlationId);
        Waiting earlier = earlierId == null ? null : waiting.remove(earlierId);
        if (earlier != null) {
            earlier.timeout().cancel(false);
        }
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        self[0] = owner.schedule(() -> {
            Waiting w = waiting.get(correlationId);
            if (w != null && w.timeout() == self[0]) {
                waiting.remove(correlationId);
                idOf.remove(w.request());
                w.request().reply().completeExceptionally(MSG.noReply(channelName, correlationId, timeoutMs));
            }
        }, timeoutMs);
        waiting.put(correlationId, new Waiting(request, self[0]));
    }

    /** Forgets the subscription after the AMQP channel was replaced; the next request subscribes again. */
    public void channelReplaced() {
        subscribedOn = null;
        address = null;
    }

    /** How many requests wait for a reply; for tests. */
    public int waiting() {
        return waiting.size();
    }

    private void received(Envelope envelope, AMQP.BasicProperties props, byte[] body) {
        String id = props.getCorrelationId();
        Waiting w = id == null ? null : waiting.remove(id);
        if (w == null) {
            LOG.replyDropped(channelName, id);
            return;
        }
        idOf.remove(w.request());
        w.timeout().cancel(false);
        Map<String, Object> headers = props.getHeaders();
        Object error = headers == null ? null : headers.get(ReplyHeaders.ERROR);
        if (error != null) {
            Object type = headers.get(ReplyHeaders.ERROR_TYPE);
            w.request().reply().completeExceptionally(new RemoteProcessingException(text(error),
                    type == null ? null : text(type)));
            return;
        }
        try {
            Object payload = codec.decode(body, props.getContentType(), props.getContentEncoding(),
                    codec.mapper().constructType(w.request().replyType()));
            w.request().reply().complete(Message.of(payload,
                    Metadata.of(new IncomingRabbitMQMetadata(channelName, envelope, props))));
        } catch (PayloadCodec.ConversionException e) {
            w.request().reply().completeExceptionally(MSG.replyNotConverted(channelName, id,
                    props.getContentType(), w.request().replyType().getTypeName(), e.getMessage()));
        }
    }

    private static String text(Object header) {
        return header instanceof LongString ? header.toString() : String.valueOf(header);
    }
}
