package io.warren.connector.stream;

import java.util.Date;

import com.rabbitmq.client.Address;
import com.rabbitmq.stream.OffsetSpecification;
import com.rabbitmq.stream.StreamException;

import io.warren.connector.WarrenConnectorCommonConfiguration;
import io.warren.connector.connection.ConnectionSettings;
import io.warren.connector.incoming.StreamOffset;

/** Reads the stream protocol's connection settings and start offset from a channel's attributes. */
final class StreamSettings {

    private StreamSettings() {
    }

    /**
     * Where the channel's environment connects: the channel's host (the first of {@code addresses} when set) on
     * {@code stream.port}, with its user and virtual host. The client learns the other nodes from the broker.
     */
    static StreamEnvironments.Key key(WarrenConnectorCommonConfiguration cfg) {
        Address first = ConnectionSettings.from(cfg).addresses().get(0);
        return new StreamEnvironments.Key(first.getHost(), cfg.getStreamPort(), cfg.getUsername(), cfg.getPassword(),
                cfg.getVirtualHost(), cfg.getNetworkRecoveryInterval());
    }

    /** The offset specification for {@code stream.offset}: first, last, next, an offset or a timestamp. */
    static OffsetSpecification offset(String channel, String value) {
        Object parsed = StreamOffset.parse(channel, value);
        if (parsed instanceof Long offset) {
            return OffsetSpecification.offset(offset);
        }
        if (parsed instanceof Date date) {
            return OffsetSpecification.timestamp(date.getTime());
        }
        return switch ((String) parsed) {
            case StreamOffset.FIRST -> OffsetSpecification.first();
            case StreamOffset.LAST -> OffsetSpecification.last();
            default -> OffsetSpecification.next();
        };
    }

    /** A failure in one line, for health and logs. */
    static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t instanceof StreamException || t.getMessage() == null)) {
            if (t.getMessage() != null && t instanceof StreamException) {
                break;
            }
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.replace('\n', ' ');
    }

}
