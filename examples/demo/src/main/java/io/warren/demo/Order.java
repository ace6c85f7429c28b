package io.warren.demo;

/**
 * An order as it arrives, in JSON.
 *
 * @param id the order id, such as {@code o-17}
 * @param customer who ordered
 * @param sku the product
 * @param quantity how many
 */
public record Order(String id, String customer, String sku, int quantity) {
}
