package io.warren.it;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.warren.connector.OutgoingRabbitMQMetadata;

/** Takes orders over HTTP and sends them through an {@link Emitter}. */
@Path("/orders")
public class OrderResource {

    @Inject
    @Channel("new-orders")
    Emitter<Order> orders;

    @Inject
    Ledger ledger;

    /** Completes once the broker has confirmed the order. */
    @POST
    public CompletionStage<Void> submit(Order order) {
        return orders.send(order);
    }

    /** Sends the order with a routing key no queue is bound to: the broker returns it, and the call fails. */
    @POST
    @Path("/unroutable")
    public CompletionStage<Void> unroutable(Order order) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        orders.send(Message.of(order).addMetadata(OutgoingRabbitMQMetadata.builder().withRoutingKey("nowhere").build())
                .withAck(() -> {
                    done.complete(null);
                    return CompletableFuture.completedFuture(null);
                }).withNack(failure -> {
                    done.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return done;
    }

    @GET
    @Path("/priced")
    public List<PricedOrder> priced() {
        return ledger.priced();
    }

    /** The id of the span current while the priced order was handled (tracing). */
    @GET
    @Path("/span/{id}")
    public String span(@jakarta.ws.rs.PathParam("id") String id) {
        return ledger.spanOf(id);
    }

    @GET
    @Path("/heartbeat")
    public long heartbeat() {
        return ledger.lastHeartbeat();
    }
}
