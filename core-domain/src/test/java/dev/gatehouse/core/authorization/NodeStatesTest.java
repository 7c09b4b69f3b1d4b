package dev.gatehouse.core.authorization;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The evaluation's per-node numbers: the same answers below and beyond the small-array size. */
class NodeStatesTest {

    private static NodeKey node(int i) {
        return new NodeKey("doc", "d" + i, "viewer");
    }

    @Test
    void answersPutReplacedAndRemovedNodesBelowAndBeyondTheSmallSize() {
        CheckEvaluation.NodeStates states = new CheckEvaluation.NodeStates();
        int count = CheckEvaluation.NodeStates.SMALL * 3;
        for (int i = 0; i < count; i++) {
            assertThat(states.get(node(i))).isEqualTo(CheckEvaluation.NodeStates.ABSENT);
            states.put(node(i), -1 - i);
            // an equal key, not the same instance, finds it
            assertThat(states.get(node(i))).isEqualTo(-1 - i);
            if (i % 3 == 0) {
                states.put(node(i), i % 4);
            } else if (i % 3 == 1) {
                states.remove(node(i));
            }
        }
        for (int i = 0; i < count; i++) {
            int expected = switch (i % 3) {
                case 0 -> i % 4;
                case 1 -> CheckEvaluation.NodeStates.ABSENT;
                default -> -1 - i;
            };
            assertThat(states.get(node(i))).as("node %d", i).isEqualTo(expected);
        }
    }

    @Test
    void removingAnotherNodeKeepsTheRestBelowTheSmallSize() {
        CheckEvaluation.NodeStates states = new CheckEvaluation.NodeStates();
        for (int i = 0; i < 4; i++) {
            states.put(node(i), i);
        }
        states.remove(node(0));
        states.remove(node(9));
        assertThat(states.get(node(0))).isEqualTo(CheckEvaluation.NodeStates.ABSENT);
        for (int i = 1; i < 4; i++) {
            assertThat(states.get(node(i))).isEqualTo(i);
        }
    }
}
