package io.warren.demo;

/**
 * A request to the stock service.
 *
 * @param sku the product
 */
public record StockQuery(String sku) {
}
