package io.warren.connector.incoming;

import io.warren.connector.connection.ConnectionManager;
import io.warren.connector.convert.PayloadCodec;
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
}
