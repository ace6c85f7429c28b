package io.warren.it;

/** A periodic signal published by an {@code @Outgoing} stream. */
public record Heartbeat(long sequence) {
}
