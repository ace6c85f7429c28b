package io.warren.connector.incoming;

import static io.warren.connector.log.ConnectorMessages.MSG;

import java.util.List;

import com.fasterxml.jackson.databind.JavaType;

import io.warren.connector.WarrenConnectorIncomingConfiguration;
import io.warren.connector.connection.ConnectionManager;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.dedup.DeduplicationStore;
import io.warren.connector.dedup.DeduplicationStores;
import io.warren.connector.fault.FailureHandlers;
import io.warren.connector.observe.ObserverFactory;

/**
 * What the connector shares between its incoming channels.
 *
 * @param connections the shared connections
 * @param codec the payload codec
 * @param failureHandlers finds failure strategies by name
 * @param dedupStores finds deduplication stores by name
 * @param observers creates each channel's observer (metrics, tracing)
 */
public record IncomingServices(ConnectionManager connections, PayloadCodec codec, FailureHandlers failureHandlers,
        DeduplicationStores dedupStores, ObserverFactory observers) {

    /** The channel's deduplication store, or null without {@code deduplication}. */
    DeduplicationStore dedupStore(WarrenConnectorIncomingConfiguration cfg, String group) {
        if (!cfg.getDeduplication()) {
            return null;
        }
        DeduplicationStore store = dedupStores.get(cfg.getDeduplicationStore(), group, cfg.getDeduplicationMaxSize(),
                cfg.getDeduplicationTtl());
        if (store == null) {
            throw MSG.noDeduplicationStore(cfg.getChannel(), cfg.getDeduplicationStore());
        }
        return store;
    }

    /** The type each body is converted to, or null for the raw payload. */
    JavaType payloadType(WarrenConnectorIncomingConfiguration cfg) {
        JavaType type = cfg.getPayloadType()
                .map(t -> codec.resolve(t, Thread.currentThread().getContextClassLoader()))
                .orElse(null);
        if (cfg.getBatch() && type != null && List.class.isAssignableFrom(type.getRawClass())) {
            return type.getContentType(); // a batch method declares List<T>; each body is a T
        }
        return type;
    }
}
