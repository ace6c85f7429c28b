package io.warren.it;

import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.mutiny.Uni;
import io.warren.connector.reply.RemoteProcessingException;
import io.warren.connector.reply.RequestReplyEmitter;

/** A request-reply client: asks the quote service over RabbitMQ. */
@Path("/quotes")
public class QuoteResource {

    @Inject
    @Channel("quote-requests")
    RequestReplyEmitter<QuoteRequest, Quote> quotes;

    @Inject
    @Channel("slow-requests")
    RequestReplyEmitter<QuoteRequest, Quote> unanswered;

    @GET
    @Path("/{sku}")
    public Uni<Response> quote(@PathParam("sku") String sku, @QueryParam("quantity") int quantity) {
        return answer(quotes.request(new QuoteRequest(sku, quantity)));
    }

    @GET
    @Path("/unanswered/{sku}")
    public Uni<Response> nobodyAnswers(@PathParam("sku") String sku) {
        return answer(unanswered.request(new QuoteRequest(sku, 1)));
    }

    private static Uni<Response> answer(Uni<Quote> reply) {
        return reply.map(q -> Response.ok(q).build())
                .onFailure(RemoteProcessingException.class)
                .recoverWithItem(e -> Response.status(422).entity(e.getMessage()).build())
                .onFailure(TimeoutException.class)
                .recoverWithItem(e -> Response.status(504).entity(e.getMessage()).build());
    }
}
