package io.warren.swap;

/**
 * An order packed for shipping.
 *
 * @param orderId the order
 * @param boxes how many boxes it takes
 */
public record Parcel(String orderId, int boxes) {
}
