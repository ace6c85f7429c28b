package io.warren.dedup.redis.deployment;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.warren.dedup.redis.RedisDeduplicationStore;

/** Adds the {@code redis} deduplication store, selectable with {@code deduplication.store=redis}. */
class RedisDeduplicationProcessor {

    static final String FEATURE = "warren-dedup-redis";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem store() {
        // Unremovable: the connector finds it by its @Identifier at run time, through Instance<DeduplicationStore>.
        return AdditionalBeanBuildItem.unremovableOf(RedisDeduplicationStore.class);
    }
}
