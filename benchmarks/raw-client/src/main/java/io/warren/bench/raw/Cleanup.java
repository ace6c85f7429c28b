package io.warren.bench.raw;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What must be undone if the runner is stopped (Ctrl+C, SIGTERM) in the middle of a run: the program it started and
 * the queues it declared on the shared broker. Each action is registered for the time it is needed.
 */
final class Cleanup {

    /** An action to run at most once, now or when the JVM stops. */
    interface Action extends AutoCloseable {
        @Override
        void close();
    }

    private static final Deque<Runnable> PENDING = new ArrayDeque<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::runAll, "bench-cleanup"));
    }

    private Cleanup() {
    }

    /** Registers {@code action} until the returned handle is closed, which runs it. */
    static Action register(Runnable action) {
        synchronized (PENDING) {
            PENDING.push(action);
        }
        return () -> {
            boolean mine;
            synchronized (PENDING) {
                mine = PENDING.remove(action);
            }
            if (mine) {
                action.run();
            }
        };
    }

    private static void runAll() {
        while (true) {
            Runnable next;
            synchronized (PENDING) {
                next = PENDING.poll();
            }
            if (next == null) {
                return;
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                System.err.println("Cleanup failed: " + e);
            }
        }
    }
}
