package io.warren.connector.cluster;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import io.warren.testing.RabbitCluster;
import io.warren.testing.RabbitNode;

/**
 * One 3-node cluster for every test class of the run that asks for it (about 16 s to start), kept in JUnit's root
 * store so that JUnit stops it and deletes its folders when the run ends, failed tests included; a JVM that dies
 * first stops it through {@link RabbitNode}'s shutdown hook. Each class leaves every node running when it ends.
 */
public final class SharedCluster implements BeforeAllCallback, ParameterResolver {

    private static final String KEY = "warren-test-cluster";

    @Override
    public void beforeAll(ExtensionContext context) {
        Assumptions.assumeTrue(RabbitNode.available(), "RabbitMQ's scripts are not installed: no cluster");
        ConsoleLog.install();
        cluster(context);
    }

    static RabbitCluster cluster(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KEY, k -> new Holder(RabbitCluster.start(3)), Holder.class).cluster;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RabbitCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return cluster(context);
    }

    /** Closes the cluster when the root context closes. */
    private record Holder(RabbitCluster cluster) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            cluster.close();
        }
    }
}
