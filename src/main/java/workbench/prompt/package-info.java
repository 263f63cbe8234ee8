/**
 * Weighted-prompt language: terms, dialect parsers and renderers, syntax errors. Pure Java,
 * depends on nothing else (Jackson only, for {@link workbench.prompt.PromptJson}).
 *
 * <p>A prompt is an ordered list of {@link workbench.prompt.Term}s (text, weight, span, timing,
 * chunk); each term is a whole phrase the checker scores as one. A {@link workbench.prompt.Timing}
 * says at which steps the term conditions the image (A1111 prompt editing and alternation); the
 * chunk counts A1111 {@code BREAK}s. Midjourney's {@code --seed} rides on the
 * {@link workbench.prompt.WeightedPrompt} as a {@link workbench.prompt.PromptParameter}. {@link workbench.prompt.PromptParser} reads any
 * {@link workbench.prompt.Dialect} (detecting it when not told), {@link
 * workbench.prompt.PromptRenderer} writes any, {@link workbench.prompt.PromptJson} stores one.
 *
 * <h2>How text splits into terms</h2>
 * <ul>
 *   <li><b>Midjourney</b>: only {@code ::} and parameters split. {@code apple tart} and
 *       {@code apple, tart} are one term each; {@code apple:: tart::} is two; {@code --no red,
 *       blue} is one term "red, blue" at -0.5.
 *   <li><b>A1111 and Compel</b>: a comma outside brackets ends a term; every bracket group (and
 *       every Compel {@code word+}) is a term of its own; commas inside a group stay in its
 *       phrase; adjacent plain words stay one phrase. {@code a cat, (red hat:1.3)} is "a cat" 1
 *       and "red hat" 1.3; {@code a (red) cat} is "a", "red" 1.1, "cat". Each A1111 {@code AND}
 *       part is split the same way, its {@code :w} multiplying its terms. {@code BREAK} ends a
 *       term; each side of {@code [from:to:when]} and each option of {@code [a|b]} is a term of
 *       its own; each part of a Compel {@code .and()} or {@code .blend()} too.
 *   <li>Every dialect cleans term text alike: whitespace runs become one space; whitespace and
 *       commas at either end go. Spans cover the term's words in the source, not its weight
 *       syntax.
 * </ul>
 *
 * <h2>Errors</h2>
 * The parser throws only {@link workbench.prompt.PromptSyntaxException} (line and 1-based
 * column in code points, fragment, hint). Limits: 2,000 characters, 64 terms, brackets nested
 * at most 50 deep, |weight| ≤ 100 (after nesting multiplies; for Midjourney after normalising),
 * and the weights must sum to more than 0. Constructs the loop cannot honour (Compel's
 * {@code .swap()} and {@code withLora}, {@code <lora:…>}, Midjourney parameters other than
 * {@code --no} and {@code --seed}) are refused by name, never read as terms. A dialect that cannot write a prompt makes the
 * renderer throw {@link workbench.prompt.PromptRenderException} (not a syntax error: the prompt
 * is fine, the target is too narrow); A1111 can write every prompt.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package workbench.prompt;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
