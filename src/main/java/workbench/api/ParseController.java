package workbench.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import workbench.prompt.Dialect;
import workbench.prompt.PromptParser;

/** Reads a prompt into weighted terms, or says where it is wrong (column). */
@RestController
@RequestMapping("/api/v1/parse")
@Tag(name = "Prompts", description = "The weighted-prompt language")
class ParseController {

  record ParseRequest(
      @Schema(example = "apple:: tart::2 --no red") String text,
      @Schema(description = "midjourney, a1111 or compel; empty: detected from the text", example = "") String dialect) {
    ParseRequest {
      text = text == null ? "" : text;
      dialect = dialect == null ? "" : dialect;
    }
  }

  record ParsedTerm(
      @Schema(example = "tart") String text,
      @Schema(example = "2.0") double weight,
      @Schema(description = "The weight divided by the sum of absolute weights", example = "0.571") double normalisedWeight,
      @Schema(description = "1-based column where the term's words start", example = "8") int column,
      @Schema(description = "0-based offsets of the term's words, end exclusive") int start,
      int end) {}

  record ParsedPrompt(@Schema(example = "midjourney") String dialect, List<ParsedTerm> terms) {}

  @PostMapping
  @Operation(summary = "Parse a prompt",
      description = "A syntax error answers 400 with the problem's column (1-based), fragment and hint.")
  ParsedPrompt parse(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = {
      @ExampleObject(name = "midjourney", value = "{\"text\": \"apple:: tart::2 --no red\"}"),
      @ExampleObject(name = "a1111", value = "{\"text\": \"(red apple:1.3), [table]\", \"dialect\": \"a1111\"}")}))
      @RequestBody ParseRequest request) {
    var prompt = request.dialect().isBlank()
        ? PromptParser.parse(request.text())
        : PromptParser.parse(request.text(), Dialect.fromId(request.dialect()));
    var normalised = prompt.normalisedWeights();
    var terms = new ArrayList<ParsedTerm>();
    for (int i = 0; i < prompt.size(); i++) {
      var t = prompt.term(i);
      terms.add(new ParsedTerm(t.text(), t.weight(), normalised.get(i), t.span().column(), t.span().start(), t.span().end()));
    }
    return new ParsedPrompt(prompt.dialect().id(), terms);
  }
}
