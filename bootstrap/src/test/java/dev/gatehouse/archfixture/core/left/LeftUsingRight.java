package dev.gatehouse.archfixture.core.left;

import dev.gatehouse.archfixture.core.right.RightUsingLeft;

/** Violation (with {@link RightUsingLeft}): two feature packages depending on each other. */
public class LeftUsingRight {
    RightUsingLeft right;
}
