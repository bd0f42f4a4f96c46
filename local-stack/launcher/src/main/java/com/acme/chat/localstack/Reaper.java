package com.acme.chat.localstack;

import java.time.Instant;
import java.util.Optional;

/**
 * Waits for the Maven process that started the stack to end, then stops the stack, unless the stack was adopted by
 * {@code ./chatctl up} meanwhile. Runs detached, so a killed build still cleans up after itself.
 */
public final class Reaper {

    private Reaper() {
    }

    public static void main(String[] args) {
        long buildPid = Long.parseLong(args[0]);
        LocalStack stack = new LocalStack(StackHome.locate(), line -> System.out.println(line));
        Optional<ProcessHandle> build = ProcessHandle.of(buildPid);
        build.ifPresent(handle -> handle.onExit().join());
        System.out.println(Instant.now() + " build " + buildPid + " ended");
        boolean stillOwned = stack.locked(() -> BuildOwner.ownerPid(stack.home()) == buildPid);
        if (stillOwned) {
            System.out.println("stopping the stack the build started");
            stack.stopAll();
        }
        else {
            System.out.println("the stack was adopted or already stopped; leaving it");
        }
    }
}
