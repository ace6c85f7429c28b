package io.warren.it;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/** An RPC server: requests carry a reply-to, and Warren publishes the return value there. */
@ApplicationScoped
public class QuoteService {

    private static final Map<String, Double> PRICES = Map.of("book", 12.5, "pen", 1.25, "lamp", 40.0);

    @Incoming("quote-requests-in")
    @Outgoing("quote-replies")
    public Quote quote(QuoteRequest request) {
        Double unit = PRICES.get(request.sku());
        if (unit == null) {
            throw new IllegalArgumentException("unknown product " + request.sku());
        }
        return new Quote(request.sku(), request.quantity(), unit * request.quantity());
    }
}
