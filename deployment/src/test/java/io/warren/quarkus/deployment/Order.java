package io.warren.quarkus.deployment;

/** A payload for the test applications. */
public record Order(String id, int quantity) {
}
