package io.warren.quarkus.deployment;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.Type;

import io.quarkus.arc.deployment.BeanDiscoveryFinishedBuildItem;
import io.quarkus.arc.processor.BeanInfo;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;

/**
 * Registers for reflection, in native images, the Java types the application's {@link io.warren.connector.convert.Codec}
 * beans declare (the codec's type argument) and every subtype of them in the application, the way payload types are
 * registered: a codec for generated classes typically finds their parser or builder reflectively.
 */
class CodecProcessor {

    private static final DeploymentLog LOG = DeploymentLog.of(CodecProcessor.class);
    static final DotName CODEC = DotName.createSimple("io.warren.connector.convert.Codec");
    /** Types every image can already handle, or too broad to register: JSON's {@code Object}, text, bytes. */
    private static final List<String> NOT_REGISTERED = List.of("java.", "javax.", "jakarta.", "[");

    @BuildStep
    void codecTypes(BeanDiscoveryFinishedBuildItem beans, CombinedIndexBuildItem index,
            BuildProducer<ReflectiveClassBuildItem> reflection) {
        List<Type> declared = beans.beanStream().withBeanType(CODEC).stream().map(BeanInfo::getTypes)
                .flatMap(Collection::stream).toList();
        Set<String> classes = classesToRegister(declared, index.getIndex());
        if (!classes.isEmpty()) {
            LOG.codecTypesRegistered(classes);
            reflection.produce(ReflectiveClassBuildItem.builder(classes.toArray(String[]::new)).constructors()
                    .methods().fields().reason(CodecProcessor.class.getSimpleName()).build());
        }
    }

    /**
     * The classes to register: for each {@code Codec<T>} among the bean types, {@code T} and its subclasses and
     * implementations in the index, unless {@code T} belongs to the JDK.
     */
    static Set<String> classesToRegister(Collection<Type> beanTypes, IndexView index) {
        Set<String> names = new TreeSet<>();
        for (Type t : beanTypes) {
            if (t.kind() != Type.Kind.PARAMETERIZED_TYPE || !t.name().equals(CODEC)) {
                continue;
            }
            Type argument = t.asParameterizedType().arguments().get(0);
            if (argument.kind() != Type.Kind.CLASS && argument.kind() != Type.Kind.PARAMETERIZED_TYPE) {
                continue;
            }
            DotName handled = argument.name();
            if (NOT_REGISTERED.stream().anyMatch(handled.toString()::startsWith)) {
                continue;
            }
            names.add(handled.toString());
            ClassInfo info = index.getClassByName(handled);
            Collection<ClassInfo> subtypes = info != null && info.isInterface() ? index.getAllKnownImplementors(handled)
                    : index.getAllKnownSubclasses(handled);
            subtypes.forEach(c -> names.add(c.name().toString()));
            if (info != null && info.isInterface()) {
                index.getAllKnownSubinterfaces(handled).forEach(c -> names.add(c.name().toString()));
            }
        }
        return names;
    }
}
