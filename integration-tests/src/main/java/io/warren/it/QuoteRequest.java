package io.warren.it;

/** Asks for the price of some quantity of a product. */
public record QuoteRequest(String sku, int quantity) {
}
