package dev.gatehouse.archfixture.core.right;

import dev.gatehouse.archfixture.core.left.LeftUsingRight;

/** Violation (with {@link LeftUsingRight}): two feature packages depending on each other. */
public class RightUsingLeft {
    LeftUsingRight left;
}
