package com.acme.chat.loadtest;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which users make up each group of the group benchmark.
 */
class GroupBenchTest {

    @Test
    void fiftyGroupsOfAHundredOverFiveHundredUsersPutEveryUserInTenDistinctGroups() {
        int[] groupsOfUser = new int[500];
        Set<Set<Integer>> memberSets = new HashSet<>();
        for (int g = 0; g < 50; g++) {
            Set<Integer> group = new HashSet<>();
            for (int j = 0; j < 100; j++) {
                int user = GroupBench.userOf(g, j, 50, 500);
                group.add(user);
                groupsOfUser[user]++;
            }
            assertThat(group).hasSize(100);
            memberSets.add(group);
        }
        assertThat(memberSets).hasSize(50);
        assertThat(groupsOfUser).containsOnly(10);
    }

    @Test
    void withAUserPerMembershipTheGroupsAreDisjoint() {
        Set<Integer> seen = new HashSet<>();
        for (int g = 0; g < 4; g++) {
            for (int j = 0; j < 5; j++) {
                assertThat(seen.add(GroupBench.userOf(g, j, 4, 20))).isTrue();
            }
        }
    }

}
