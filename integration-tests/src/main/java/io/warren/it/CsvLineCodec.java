package io.warren.it;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JavaType;

import io.warren.connector.convert.Codec;

/**
 * A codec of the application: {@link LineRecord}s as one CSV line. It reads record components and calls record
 * constructors reflectively, so a native image needs them registered, which the extension does from the codec's
 * type argument (checked by NativeConfigIT).
 */
@ApplicationScoped
public class CsvLineCodec implements Codec<LineRecord> {

    @Override
    public Class<LineRecord> type() {
        return LineRecord.class;
    }

    @Override
    public List<String> contentTypes() {
        return List.of("text/csv");
    }

    @Override
    public byte[] encode(LineRecord payload, String contentType) throws ConversionException {
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
    public LineRecord decode(byte[] body, String contentType, JavaType target) throws ConversionException {
        Class<?> type = target.getRawClass();
        RecordComponent[] components = type.getRecordComponents();
        String[] cells = new String(body, StandardCharsets.UTF_8).split(",", -1);
        if (components == null || cells.length != components.length) {
            throw new ConversionException("expected one cell per component of " + type.getName());
        }
        Object[] args = new Object[cells.length];
        Class<?>[] types = new Class<?>[cells.length];
        for (int i = 0; i < cells.length; i++) {
            types[i] = components[i].getType();
            args[i] = types[i] == long.class ? Long.parseLong(cells[i].trim()) : cells[i];
        }
        try {
            return (LineRecord) type.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException | NumberFormatException e) {
            throw new ConversionException("cannot build a " + type.getName() + ": " + e.getMessage(), e);
        }
    }
}
