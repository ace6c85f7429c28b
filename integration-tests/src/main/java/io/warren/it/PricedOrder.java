package io.warren.it;

/** An order with its total, published once it is priced. */
public record PricedOrder(String id, String customer, double total) {
}
