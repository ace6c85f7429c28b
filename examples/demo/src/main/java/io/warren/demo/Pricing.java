package io.warren.demo;

import java.math.BigDecimal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.warren.connector.reply.RequestReplyEmitter;

/** Prices each order with the unit price the stock service returns (request-reply), and publishes a confirmation. */
@ApplicationScoped
public class Pricing {

    private static final Logger LOG = Logger.getLogger("demo.pricing");

    @Inject
    @Channel("stock-requests")
    RequestReplyEmitter<StockQuery, StockLevel> stock;

    @Inject
    Stats stats;

    @Incoming("orders")
    @Outgoing("confirmations")
    public Uni<Confirmation> price(Order order) {
        return stock.request(new StockQuery(order.sku())).map(level -> {
            BigDecimal total = level.unitPrice().multiply(BigDecimal.valueOf(order.quantity()));
            stats.countPriced();
            LOG.infof("ORDER %s %d x %s for %s -> priced %s EUR (lookup: %d in stock)", order.id(), order.quantity(),
                    order.sku(), order.customer(), total, level.available());
            return new Confirmation(order.id(), order.customer(), order.sku(), order.quantity(), total, "EUR",
                    level.available());
        });
    }
}
