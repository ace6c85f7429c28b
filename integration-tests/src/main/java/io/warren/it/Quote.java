package io.warren.it;

/** The price of some quantity of a product. */
public record Quote(String sku, int quantity, double price) {
}
