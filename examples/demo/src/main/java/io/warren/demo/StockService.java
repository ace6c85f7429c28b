package io.warren.demo;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

/**
 * The stock service, an RPC server: each query carries a reply-to, and Warren publishes the return value there.
 * An unknown product makes it throw, and the caller gets the error as a failed reply.
 */
@ApplicationScoped
public class StockService {

    private static final Logger LOG = Logger.getLogger("demo.stock");
    private static final Map<String, BigDecimal> PRICES = Map.of("widget", new BigDecimal("4.20"),
            "gadget", new BigDecimal("12.50"), "sprocket", new BigDecimal("0.85"), "gizmo", new BigDecimal("29.99"));

    private final Map<String, Integer> stock = new ConcurrentHashMap<>(Map.of("widget", 500, "gadget", 120,
            "sprocket", 2000, "gizmo", 40));

    @Incoming("stock-queries")
    @Outgoing("stock-replies")
    public StockLevel lookup(StockQuery query) {
        BigDecimal price = PRICES.get(query.sku());
        if (price == null) {
            throw new IllegalArgumentException("unknown product " + query.sku());
        }
        int available = stock.merge(query.sku(), 0, Integer::sum);
        LOG.debugf("STOCK %s: %d in stock at %s EUR", query.sku(), available, price);
        return new StockLevel(query.sku(), available, price);
    }
}
