package io.warren.connector.convert;

import static io.warren.connector.log.ConnectorMessages.MSG;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * POJOs through a Jackson mapper: JSON with the application's {@code ObjectMapper}, or one of Jackson's binary
 * formats with a copy of it (same modules and settings). Text and {@code byte[]} payloads are left to their own
 * codecs, so that a {@code String} is never written as a quoted JSON string by accident.
 */
public final class JacksonCodec implements Codec<Object> {

    private final ObjectMapper mapper;
    private final String format;
    private final List<String> contentTypes;

    /**
     * @param mapper the mapper, whose factory decides the format
     * @param format the format's name for error messages, such as {@code JSON}
     * @param contentTypes the content types, the written one first
     */
    public JacksonCodec(ObjectMapper mapper, String format, List<String> contentTypes) {
        this.mapper = mapper;
        this.format = format;
        this.contentTypes = List.copyOf(contentTypes);
    }

    /** JSON: {@code application/json}, {@code text/json} and every {@code +json} type. */
    public static JacksonCodec json(ObjectMapper mapper) {
        return new JacksonCodec(mapper, "JSON", List.of(ContentTypes.JSON, "*/*+json", "text/json"));
    }

    /** CBOR (RFC 8949), the binary form of the JSON data model: {@code application/cbor} and {@code +cbor} types. */
    public static JacksonCodec cbor(ObjectMapper mapper) {
        return new JacksonCodec(mapper.copyWith(new com.fasterxml.jackson.dataformat.cbor.CBORFactory()), "CBOR",
                List.of(ContentTypes.CBOR, "*/*+cbor"));
    }

    @Override
    public Class<Object> type() {
        return Object.class;
    }

    @Override
    public List<String> contentTypes() {
        return contentTypes;
    }

    @Override
    public int priority() {
        return BUILT_IN_PRIORITY;
    }

    @Override
    public boolean canEncode(Class<?> payloadClass) {
        return !raw(payloadClass);
    }

    @Override
    public boolean canDecode(JavaType target) {
        return !raw(target.getRawClass()) || target.getRawClass() == Object.class;
    }

    private static boolean raw(Class<?> c) {
        return c == byte[].class || CharSequence.class.isAssignableFrom(c) || c == Character.class
                || c == Object.class;
    }

    @Override
    public byte[] encode(Object payload, String contentType) throws ConversionException {
        try {
            return mapper.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw MSG.notWritten(payload.getClass().getName(), format, oneLine(e), e);
        }
    }

    @Override
    public Object decode(byte[] body, String contentType, JavaType target) throws ConversionException {
        try {
            return mapper.readValue(body, target);
        } catch (com.fasterxml.jackson.core.exc.StreamReadException e) {
            throw MSG.invalid(format, oneLine(e), e);
        } catch (IOException e) {
            // Well-formed input of the wrong shape (a string where a number is expected): not "invalid".
            throw MSG.mismatch(format, target.toCanonical(), oneLine(e), e);
        }
    }

    private static String oneLine(IOException e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.replace('\n', ' ');
    }
}
