package io.warren.demo;

import java.math.BigDecimal;

/**
 * A priced order, published for shipping.
 *
 * @param orderId the order
 * @param customer who ordered
 * @param sku the product
 * @param quantity how many
 * @param total the price of the order
 * @param currency the currency of {@code total}
 * @param inStock how many were in stock when the order was priced
 */
public record Confirmation(String orderId, String customer, String sku, int quantity, BigDecimal total,
        String currency, int inStock) {
}
