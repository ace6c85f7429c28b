package io.warren.connector.connection;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import io.warren.connector.log.ConnectionLog;

/**
 * The single thread that owns one AMQP channel. amqp-client channels are not thread-safe, so every operation on a
 * channel (declare, consume, ack, publish) runs here, and the client's own threads only hand work over.
 */
public final class ConfinedExecutor {

    private static final ConnectionLog LOG = ConnectionLog.of(ConfinedExecutor.class);

    /**
     * Timers of every channel. A timer only hands its task to the owning thread, so one thread is enough, and the
     * per-message queue of each channel stays a plain FIFO rather than a delay heap.
     */
    private static final ScheduledThreadPoolExecutor TIMERS = timers();

    private final ThreadPoolExecutor executor;
    private final String channel;
    private volatile Thread owner;

    /** @param channel the messaging channel name, used in the thread name and logs */
    public ConfinedExecutor(String channel) {
        this.channel = channel;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "warren-" + channel);
            t.setDaemon(true);
            owner = t;
            return t;
        });
        executor.prestartCoreThread();
    }

    private static ScheduledThreadPoolExecutor timers() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "warren-timers");
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);
        return timers;
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
            LOG.taskAfterShutdown(channel);
        }
    }

    /** Runs the task now if the caller owns the channel, otherwise hands it over. */
    public void run(Runnable task) {
        if (inOwner()) {
            try {
                task.run(); // no wrapper: this is the path of every ack of a handler running on the channel thread
            } catch (RuntimeException e) {
                LOG.unexpectedError(e, channel);
            }
        } else {
            execute(task);
        }
    }

    /** Runs the task on the owning thread after a delay. */
    public ScheduledFuture<?> schedule(Runnable task, long delayMs) {
        return TIMERS.schedule(() -> execute(task), delayMs, TimeUnit.MILLISECONDS);
    }

    private Runnable guard(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.unexpectedError(e, channel);
            }
        };
    }

    /** Runs the task on the owning thread every {@code periodMs} until shutdown. */
    public void scheduleAtFixedRate(Runnable task, long periodMs) {
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        self[0] = TIMERS.scheduleAtFixedRate(() -> {
            if (executor.isShutdown()) {
                self[0].cancel(false);
            } else {
                execute(task);
            }
        }, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Waits, from another thread, until the condition (checked on the owning thread) holds or the timeout passes.
     *
     * @return whether the condition held
     */
    public boolean awaitOnOwner(java.util.function.BooleanSupplier condition, long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline) {
            java.util.concurrent.CompletableFuture<Boolean> check = new java.util.concurrent.CompletableFuture<>();
            execute(() -> check.complete(condition.getAsBoolean()));
            try {
                if (check.get(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())),
                        TimeUnit.MILLISECONDS)) {
                    return true;
                }
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                return false;
            }
        }
        return false;
    }

    /** Runs the task on the owning thread and waits for it, at most {@code timeoutMs}. */
    public void callOnOwner(Runnable task, long timeoutMs) {
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        execute(() -> {
            try {
                task.run();
            } finally {
                done.complete(null);
            }
        });
        try {
            done.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.taskTooLong(channel);
        }
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
