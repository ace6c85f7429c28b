package io.warren.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.warren.bench.Bench.Sender;

/**
 * Publishes {@code n} payloads through one or more senders, each with at most {@code inflight} unconfirmed (the
 * connectors' {@code max-inflight-messages}), and waits until every one is confirmed or failed. A sender reports a
 * failure (a nack, or a message its emitter refused) through {@link Bench#failed(Runnable)}; failures are counted,
 * since a failed message never reaches a consumer.
 */
final class Publishing {

    private final long n;
    private final int inflight;
    private final CountDownLatch done;
    private final LongAdder failed = new LongAdder();

    Publishing(long n, int inflight) {
        this.n = n;
        this.inflight = inflight;
        this.done = new CountDownLatch((int) n);
    }

    /** The completion of one message: releases its place in the window, whatever the outcome. */
    final class Outcome implements Runnable {
        private final Semaphore window;

        Outcome(Semaphore window) {
            this.window = window;
        }

        @Override
        public void run() {
            window.release();
            done.countDown();
        }

        void failed() {
            failed.increment();
            run();
        }
    }

    /** Sends payloads {@code first}, {@code first + step}, ... below {@code n} through {@code sender}. */
    void sendAll(Sender sender, long first, int step) throws InterruptedException {
        Semaphore window = new Semaphore(inflight);
        for (long i = first; i < n; i += step) {
            window.acquire();
            sender.send(Payload.sample(i), new Outcome(window));
        }
    }

    /** True once every payload is settled; false after 10 minutes. */
    boolean await() throws InterruptedException {
        return done.await(10, TimeUnit.MINUTES);
    }

    /** The messages that failed so far. */
    long failed() {
        return failed.sum();
    }
}
