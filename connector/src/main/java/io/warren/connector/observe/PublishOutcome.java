package io.warren.connector.observe;

/** What became of a published message. */
public enum PublishOutcome {
    /** The broker confirmed it. */
    CONFIRMED,
    /** The broker nacked it (for example a full queue with {@code x-overflow=reject-publish}). */
    NACKED,
    /** The broker returned it as unroutable ({@code mandatory}), then confirmed the return. */
    RETURNED,
    /** No confirm arrived within {@code confirm-timeout}. */
    TIMED_OUT
}
