package io.warren.swap;

/**
 * An order, as JSON on every transport.
 *
 * @param id the order id
 * @param item what was ordered
 * @param quantity how many
 */
public record Order(String id, String item, int quantity) {
}
