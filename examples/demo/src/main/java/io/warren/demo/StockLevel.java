package io.warren.demo;

import java.math.BigDecimal;

/**
 * The stock service's answer.
 *
 * @param sku the product
 * @param available how many are in stock
 * @param unitPrice the price of one
 */
public record StockLevel(String sku, int available, BigDecimal unitPrice) {
}
