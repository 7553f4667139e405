package dev.scaledeck.engine.recovery;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a scenario costs the business, as the plan's {@code impact} says. Immutable.
 *
 * @param services    the services that stop or degrade
 * @param userGroups  who notices (e.g. "all signed-in users", "one customer")
 * @param costPerHour cost of an hour of downtime, in {@code currency}; 0 when not given
 * @param currency    e.g. {@code EUR}
 * @param usersQuery  SQL returning one number: how many users are affected; empty counts every
 *                    row of the configured user table ({@code backup.userTable})
 */
public record BusinessImpact(List<String> services, List<String> userGroups, double costPerHour, String currency,
                             Optional<String> usersQuery) {

    public BusinessImpact {
        services = List.copyOf(services);
        userGroups = List.copyOf(userGroups);
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(usersQuery, "usersQuery");
        if (costPerHour < 0 || !Double.isFinite(costPerHour)) {
            throw new IllegalArgumentException("costPerHour must be 0 or more, but was " + costPerHour);
        }
    }

    public static BusinessImpact none() {
        return new BusinessImpact(List.of(), List.of(), 0, "EUR", Optional.empty());
    }
}
