package io.warren.connector.connection;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * The single thread that owns one AMQP channel. amqp-client channels are not thread-safe, so every operation on a
 * channel (declare, consume, ack, publish) runs here, and the client's own threads only hand work over.
 */
public final class ConfinedExecutor {

    private static final Logger LOG = Logger.getLogger(ConfinedExecutor.class);

    private final ScheduledThreadPoolExecutor executor;
    private final String channel;
    private volatile Thread owner;

    /** @param channel the messaging channel name, used in the thread name and logs */
    public ConfinedExecutor(String channel) {
        this.channel = channel;
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "warren-" + channel);
            t.setDaemon(true);
            owner = t;
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Whether the caller runs on the owning thread. */
    public boolean inOwner() {
        return Thread.currentThread() == owner;
    }

    /** Runs the task on the owning thread, later. Tasks run in submission order. */
    public void execute(Runnable task) {
        try {
            executor.execute(guard(task));
        } catch (RejectedExecutionException e) {
            LOG.debugf("Channel '%s': dropped a task submitted after shutdown", channel);
        }
    }

    /** Runs the task now if the caller owns the channel, otherwise hands it over. */
    public void run(Runnable task) {
        if (inOwner()) {
            guard(task).run();
        } else {
            execute(task);
        }
    }

    /** Runs the task on the owning thread after a delay. */
    public ScheduledFuture<?> schedule(Runnable task, long delayMs) {
        try {
            return executor.schedule(guard(task), delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    private Runnable guard(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.errorf(e, "Channel '%s': unexpected error", channel);
            }
        };
    }

    /** Stops the thread once queued tasks are done, waiting at most the given time. */
    public void shutdown(long timeoutMs) {
        executor.shutdown();
        try {
            if (!inOwner() && !executor.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    /** Whether {@link #shutdown} was called. */
    public boolean isShutdown() {
        return executor.isShutdown();
    }
}
