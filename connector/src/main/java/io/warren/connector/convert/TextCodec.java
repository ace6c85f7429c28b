package io.warren.connector.convert;

import java.util.List;

import com.fasterxml.jackson.databind.JavaType;

/**
 * Text payloads ({@code String} and other {@code CharSequence}s): written as {@code text/plain} in UTF-8 (or the
 * requested charset); text bodies, JSON and XML included, read as a {@code String} in the body's charset. A
 * method that takes {@code Object} also gets a {@code String} for a text body.
 */
public final class TextCodec implements Codec<CharSequence> {

    private static final List<String> CONTENT_TYPES = List.of(ContentTypes.TEXT, "text/*", ContentTypes.JSON,
            "*/*+json", "application/xml", "*/*+xml");

    @Override
    public Class<CharSequence> type() {
        return CharSequence.class;
    }

    @Override
    public List<String> contentTypes() {
        return CONTENT_TYPES; // asked for every message: one list, not one per call
    }

    @Override
    public int priority() {
        return BUILT_IN_PRIORITY;
    }

    @Override
    public boolean canEncode(Class<?> payloadClass) {
        return CharSequence.class.isAssignableFrom(payloadClass) || payloadClass == Character.class;
    }

    @Override
    public boolean canDecode(JavaType target) {
        Class<?> raw = target.getRawClass();
        return raw == String.class || raw == CharSequence.class || raw == Object.class;
    }

    @Override
    public byte[] encode(CharSequence payload, String contentType) {
        return payload.toString().getBytes(ContentTypes.charset(contentType));
    }

    @Override
    public String decode(byte[] body, String contentType, JavaType target) {
        return new String(body, ContentTypes.charset(contentType));
    }
}
