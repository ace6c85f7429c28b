package io.warren.quarkus.deployment.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.Type;
import org.junit.jupiter.api.Test;

import io.warren.quarkus.deployment.Codecs;

/** Which classes a codec bean's declared type brings into reflection, as a plain function of the index. */
class CodecTypesTest {

    @Test
    void theDeclaredTypeAndItsImplementationsAreRegistered() throws IOException {
        Index index = Index.of(CsvRow.class, Reading.class, CsvCodec.class);
        List<Type> beanTypes = index.getClassByName(DotName.createSimple(CsvCodec.class.getName())).interfaceTypes();
        assertThat(Codecs.classesToRegister(beanTypes, index)).containsExactly(CsvRow.class.getName(),
                Reading.class.getName());
    }

    @Test
    void jdkTypesAreNot() throws IOException {
        Index index = Index.of(io.warren.connector.convert.JacksonCodec.class,
                io.warren.connector.convert.TextCodec.class);
        List<Type> types = new java.util.ArrayList<>();
        types.addAll(index.getClassByName(DotName.createSimple(io.warren.connector.convert.JacksonCodec.class
                .getName())).interfaceTypes());
        types.addAll(index.getClassByName(DotName.createSimple(io.warren.connector.convert.TextCodec.class
                .getName())).interfaceTypes());
        assertThat(Codecs.classesToRegister(types, index)).isEmpty();
    }
}
