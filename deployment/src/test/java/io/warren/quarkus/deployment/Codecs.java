package io.warren.quarkus.deployment;

import java.util.Collection;
import java.util.Set;

import org.jboss.jandex.IndexView;
import org.jboss.jandex.Type;

/** Access for tests in other packages to {@link CodecProcessor#classesToRegister}. */
public final class Codecs {

    private Codecs() {
    }

    public static Set<String> classesToRegister(Collection<Type> beanTypes, IndexView index) {
        return CodecProcessor.classesToRegister(beanTypes, index);
    }
}
