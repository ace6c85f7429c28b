package io.warren.dedup.postgresql.deployment;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.warren.dedup.postgresql.PostgresDeduplicationStore;

/** Adds the {@code postgresql} deduplication store, selectable with {@code deduplication.store=postgresql}. */
class PostgresDeduplicationProcessor {

    static final String FEATURE = "warren-dedup-postgresql";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem store() {
        // Unremovable: the connector finds it by its @Identifier at run time, through Instance<DeduplicationStore>.
        return AdditionalBeanBuildItem.unremovableOf(PostgresDeduplicationStore.class);
    }
}
