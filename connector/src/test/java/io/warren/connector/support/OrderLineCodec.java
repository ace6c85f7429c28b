package io.warren.connector.support;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JavaType;

import io.warren.connector.convert.Codec;

/** A user codec for tests: an {@link Order} as one line, {@code id;quantity}, in {@code application/x-order-line}. */
public final class OrderLineCodec implements Codec<Order> {

    public static final String TYPE = "application/x-order-line";

    @Override
    public Class<Order> type() {
        return Order.class;
    }

    @Override
    public List<String> contentTypes() {
        return List.of(TYPE);
    }

    @Override
    public byte[] encode(Order payload, String contentType) {
        return (payload.id + ";" + payload.quantity).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Order decode(byte[] body, String contentType, JavaType target) throws ConversionException {
        String[] parts = new String(body, StandardCharsets.UTF_8).split(";");
        if (parts.length != 2) {
            throw new ConversionException("not an order line: expected id;quantity");
        }
        try {
            return new Order(parts[0], Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new ConversionException("not an order line: the quantity is not a number");
        }
    }
}
