package io.warren.connector.connection;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The consumer dispatch "pool" of Warren's connections: it runs amqp-client's consumer callbacks on the thread that
 * hands them over, which is the connection's I/O thread.
 * <p>
 * amqp-client normally runs consumer callbacks on a pool of its own so that a slow consumer cannot stall the
 * connection. Warren's callbacks ({@code handleDelivery} of incoming channels and reply receivers) do nothing but put
 * the delivery on the queue of the channel's own thread, which never blocks, so that pool would only add a thread
 * hop, and a wake-up, per burst of deliveries. Any callback registered on these connections must stay that way: no
 * blocking, no synchronous channel method (its reply is read by this very thread).
 */
final class InlineDispatch extends AbstractExecutorService {

    /** Shared by every connection: it holds no state. */
    static final InlineDispatch INSTANCE = new InlineDispatch();

    private InlineDispatch() {
    }

    @Override
    public void execute(Runnable command) {
        command.run();
    }

    // amqp-client never shuts down an executor it was given; these only honour the interface.

    @Override
    public void shutdown() {
    }

    @Override
    public List<Runnable> shutdownNow() {
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return false;
    }
}
