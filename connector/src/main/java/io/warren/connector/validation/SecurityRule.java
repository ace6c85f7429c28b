package io.warren.connector.validation;

import java.util.List;

/**
 * TLS and credentials settings that contradict each other or have no effect, trust-all (allowed, warned about),
 * and SmallRye's names {@code user} and {@code reconnect-interval}, accepted with a word on what Warren does with
 * them.
 */
final class SecurityRule implements ChannelRule {

    private static final List<String> STORE_ATTRIBUTES = List.of("trust-store-path", "trust-store-type",
            "trust-store-password", "key-store-path", "key-store-type", "key-store-password");

    @Override
    public void check(ChannelView c, ValidationContext context, List<ConfigProblem> problems) {
        if (c.config.shared()) {
            return;
        }
        boolean named = c.isSet("tls-configuration-name");
        boolean ssl = c.flag("ssl");
        if (named) {
            if (c.isSet("ssl") && !ssl && !c.unknown("ssl")) {
                problems.add(ConfigProblem.error(c.property("ssl"), c.shown("ssl"), "ssl=false, but "
                        + "tls-configuration-name asks for TLS", "remove ssl=false (tls-configuration-name turns "
                                + "TLS on), or remove tls-configuration-name"));
            }
            for (String a : STORE_ATTRIBUTES) {
                if (c.isSet(a)) {
                    problems.add(ConfigProblem.error(c.property(a), c.shown(a), a + " and tls-configuration-name "
                            + "both say where the certificates are", "keep tls-configuration-name and set the stores "
                                    + "in quarkus.tls." + c.value("tls-configuration-name").orElse("<name>")
                                    + ".*, or remove tls-configuration-name"));
                }
            }
        } else if (!ssl && !c.unknown("ssl")) {
            for (String a : concat(STORE_ATTRIBUTES, "ssl.hostname-verification-algorithm")) {
                if (c.isSet(a)) {
                    problems.add(ConfigProblem.warning(c.property(a), c.shown(a), a + " has no effect without ssl=true",
                            "set " + c.property("ssl") + "=true, or remove it"));
                }
            }
        }
        if (ssl && !named && c.flag("trust-all") && !c.unknown("trust-all")) {
            problems.add(ConfigProblem.warning(c.property("trust-all"), c.shown("trust-all"),
                    "TLS trusts every server certificate and checks no host name: anyone between the application "
                            + "and the broker can read and change the traffic",
                    "use it for development only; in production set trust-store-path to the broker's CA"));
        }
        pairs(c, "trust-store-password", "trust-store-path", problems);
        pairs(c, "trust-store-type", "trust-store-path", problems);
        pairs(c, "key-store-password", "key-store-path", problems);
        pairs(c, "key-store-type", "key-store-path", problems);
        pairs(c, "credentials-provider-bean-name", "credentials-provider-name", problems);
        if (c.isSet("credentials-provider-name")) {
            for (String a : List.of("username", "password", "user")) {
                if (c.isSet(a)) {
                    problems.add(ConfigProblem.warning(c.property(a), c.shown(a), a + " is not used: "
                            + "credentials-provider-name gives the user name and password", "remove it"));
                }
            }
        }
        compatibleNames(c, problems);
    }

    private static void compatibleNames(ChannelView c, List<ConfigProblem> problems) {
        if (c.isSet("user") && c.isSet("username")) {
            problems.add(ConfigProblem.warning(c.property("user"), c.shown("user"), "user (SmallRye's name) is not "
                    + "used: username is set, and wins", "remove user"));
        }
        if (c.isSet("reconnect-interval") && !c.unknown("reconnect-interval")) {
            String seconds = c.value("reconnect-interval").orElse("");
            if (c.isSet("network-recovery-interval")) {
                problems.add(ConfigProblem.warning(c.property("reconnect-interval"), seconds, "reconnect-interval "
                        + "(SmallRye's name) is not used: network-recovery-interval is set, and wins",
                        "remove reconnect-interval"));
            } else if (seconds.matches("\\d+")) {
                problems.add(ConfigProblem.warning(c.property("reconnect-interval"), seconds, "reconnect-interval is "
                        + "read in seconds, as SmallRye does, and Warren waits " + Long.parseLong(seconds) * 1000
                        + " ms between connection attempts, at start-up and after a connection loss, for ever "
                        + "(SmallRye's reconnect-attempts has no equivalent)",
                        "write " + c.property("network-recovery-interval") + "=" + Long.parseLong(seconds) * 1000
                                + " instead"));
            }
        }
    }

    private static void pairs(ChannelView c, String attribute, String needs, List<ConfigProblem> problems) {
        if (c.isSet(attribute) && !c.isSet(needs)) {
            problems.add(ConfigProblem.warning(c.property(attribute), c.shown(attribute), attribute
                    + " has no effect without " + needs, "set " + c.property(needs) + ", or remove " + attribute));
        }
    }

    private static List<String> concat(List<String> list, String more) {
        List<String> all = new java.util.ArrayList<>(list);
        all.add(more);
        return all;
    }
}
