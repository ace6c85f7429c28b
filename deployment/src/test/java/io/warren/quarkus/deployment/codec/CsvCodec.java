package io.warren.quarkus.deployment.codec;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JavaType;

import io.warren.connector.convert.Codec;

/**
 * A user codec: records implementing {@link CsvRow} as one {@code text/csv} line. It reads the records' components
 * and calls their constructors reflectively, which a native image allows only for registered classes.
 */
@ApplicationScoped
public class CsvCodec implements Codec<CsvRow> {

    @Override
    public Class<CsvRow> type() {
        return CsvRow.class;
    }

    @Override
    public List<String> contentTypes() {
        return List.of("text/csv");
    }

    @Override
    public byte[] encode(CsvRow payload, String contentType) throws ConversionException {
        List<String> cells = new ArrayList<>();
        try {
            for (RecordComponent c : payload.getClass().getRecordComponents()) {
                cells.add(String.valueOf(c.getAccessor().invoke(payload)));
            }
        } catch (ReflectiveOperationException e) {
            throw new ConversionException("cannot read " + payload.getClass().getName(), e);
        }
        return String.join(",", cells).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public CsvRow decode(byte[] body, String contentType, JavaType target) throws ConversionException {
        Class<?> type = target.getRawClass();
        RecordComponent[] components = type.getRecordComponents();
        String[] cells = new String(body, StandardCharsets.UTF_8).split(",", -1);
        if (components == null || cells.length != components.length) {
            throw new ConversionException("expected " + (components == null ? "a record" : components.length
                    + " cells") + " for " + type.getName());
        }
        Object[] args = new Object[cells.length];
        Class<?>[] types = new Class<?>[cells.length];
        for (int i = 0; i < cells.length; i++) {
            types[i] = components[i].getType();
            args[i] = types[i] == int.class ? Integer.parseInt(cells[i].trim()) : cells[i];
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            return (CsvRow) constructor.newInstance(args);
        } catch (ReflectiveOperationException | NumberFormatException e) {
            throw new ConversionException("cannot build a " + type.getName() + ": " + e, e);
        }
    }
}
