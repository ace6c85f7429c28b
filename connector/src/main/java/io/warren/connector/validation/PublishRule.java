package io.warren.connector.validation;

import java.util.List;

/** Outgoing settings that contradict each other. */
final class PublishRule implements ChannelRule {

    @Override
    public void check(ChannelView c, ValidationContext context, List<ConfigProblem> problems) {
        if (c.config.shared() || c.incoming() || c.unknown("mandatory") || c.unknown("publish-confirms")) {
            return;
        }
        if (c.isSet("mandatory") && c.flag("mandatory") && c.isSet("publish-confirms") && !c.flag("publish-confirms")) {
            problems.add(ConfigProblem.error(c.property("mandatory"), c.shown("mandatory"),
                    "mandatory=true needs publish-confirms=true: without confirms a message is acked as soon as it is "
                            + "written, so the broker's return of an unroutable message would come too late to nack it, "
                            + "and the message would be lost silently",
                    "set " + c.property("publish-confirms") + "=true, or remove mandatory (without confirms, "
                            + "messages are published without the flag)"));
        }
    }
}
