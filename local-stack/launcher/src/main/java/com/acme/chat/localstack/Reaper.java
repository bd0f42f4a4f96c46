package com.acme.chat.localstack;

import java.time.Instant;
import java.util.List;

/**
 * Waits for the Maven build that started components to end, then stops exactly the components that build still
 * owns (not those {@code ./chatctl up} adopted meanwhile). Runs detached, so a killed build still cleans up.
 */
public final class Reaper {

    private Reaper() {
    }

    public static void main(String[] args) {
        long buildPid = Long.parseLong(args[0]);
        LocalStack stack = new LocalStack(StackHome.locate(), System.out::println);
        ProcessHandle.of(buildPid).ifPresent(build -> build.onExit().join());
        System.out.println(Instant.now() + " build " + buildPid + " ended");
        stack.locked(() -> {
            List<Component> owned = BuildOwner.ownedBy(stack.home(), buildPid);
            System.out.println("stopping what the build started: " + owned.stream().map(Component::name).toList());
            stack.stop(owned);
            BuildOwner.release(stack.home(), owned);
            stack.deletePid("reaper");
            return null;
        });
    }
}
