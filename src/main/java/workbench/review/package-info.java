/**
 * Blind review of a grid: people (and optionally the independent judge) answer one question
 * about its images without seeing prompts, labels or scores; the results say how they rated
 * each wording, whether they agreed with each other, and whether the checker saw it too.
 */
@NullMarked
package workbench.review;

import org.jspecify.annotations.NullMarked;
