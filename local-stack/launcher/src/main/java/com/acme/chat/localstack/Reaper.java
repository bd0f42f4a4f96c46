package com.acme.chat.localstack;

import java.time.Instant;
import java.util.List;

/**
 * Waits for the Maven build that started components to end, then stops the components
 * owned by builds that have ended (not those {@code ./chatctl up} adopted meanwhile, nor
 * those of a build still running). Runs detached, so a killed build still cleans up.
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
            List<Component> owned = BuildOwner.ownedByEndedBuilds(stack.home());
            System.out.println("stopping what ended builds started: " + owned.stream().map(Component::name).toList());
            stack.stop(owned);
            BuildOwner.release(stack.home(), owned);
            stack.deletePid(BuildOwner.reaperName(buildPid));
            return null;
        });
    }

}
