package workbench.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import workbench.loop.RecalledRecipe.Source;

/**
 * Real PNGs from A1111, ComfyUI, InvokeAI, NovelAI and Fooocus (src/test/resources/png-metadata,
 * with their sources), read into A1111's terms; expected values are sd-parsers' own where it
 * names them.
 */
class ForeignMetadataTest {

  static ForeignMetadata.Found read(String file) throws IOException {
    try (var in = ForeignMetadataTest.class.getResourceAsStream("/png-metadata/sd-parsers/" + file)) {
      assertThat(in).as(file).isNotNull();
      var texts = PngMetadata.read(in.readAllBytes(), TextBudget.standard());
      return ForeignMetadata.read(file, texts, TextBudget.standard()).orElseThrow();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      automatic1111_cropped.png             | A1111    | 235284042           | 15 | 5    | UniPC             | 512x400   | realistic_realisticVisionV20_v20
      fooocus1_cropped.png                  | FOOOCUS  | 6952411511246973023 | 30 | 4    | dpmpp_2m_sde_gpu  | 768x1280  | juggernautXL_v8Rundiffusion
      img2img_cropped.png                   | COMFYUI  | 280823642470253     | 20 | 8.0  | sample_dpmpp_2m   |           | v1-5-pruned-emaonly.ckpt
      night_evening_day_morning_cropped.png | COMFYUI  | 335608130539327     | 13 | 8.5  | dpmpp_sde         | 704x1280  | Anything-V3.0.ckpt
      unclip_2pass_cropped.png              | COMFYUI  | 1106257833005336    | 26 | 8.0  | uni_pc_bh2        | 1280x704  |
      invokeai_imeta1.png                   | INVOKEAI | 3293022630          | 35 | 8.0  | euler             | 1024x1024 | juggernautXL
      invokeai_sdmeta1.png                  | INVOKEAI | 2980747362          | 50 | 5    | k_lms             | 512x768   | deliberateForInvoke_v08
      invokeai_dream1.png                   | INVOKEAI | 2980747362          | 50 | 5    | k_lms             | 512x768   |
      novelai1_cropped.png                  | NOVELAI  | 2253955223          | 50 | 10.0 | k_euler_ancestral |           | Stable Diffusion 1D44365E
      """)
  void everyToolsSettingsAreRead(String file, Source tool, long seed, int steps, String cfg, String sampler, String size,
      String model) throws IOException {
    var found = read(file);
    assertThat(found.source()).isEqualTo(tool);
    var p = found.parameters();
    assertThat(p.seed()).contains(seed);
    assertThat(p.steps()).contains(steps);
    assertThat(p.settings()).containsEntry("CFG scale", cfg).containsEntry("Sampler", sampler);
    if (size == null) {
      assertThat(p.settings()).doesNotContainKey("Size");
    } else {
      assertThat(p.settings()).containsEntry("Size", size);
    }
    if (model != null) {
      assertThat(p.settings()).containsEntry("Model", model);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      automatic1111_cropped.png | photo of a duck                                                   | monochrome
      fooocus1_cropped.png      | a smiling goldfish                                                |
      img2img_cropped.png       | photograph of victorian woman with wings, sky clouds, meadow grass | watermark, text
      invokeai_imeta1.png       | digital artwork, oil painting. painterly brushstrokes, holidays,  | grainy+, photo, oversaturated, overexposed, blurry, compressed jpg+, noisy++, unfocused , black and white
      novelai1_cropped.png      | masterpiece, best quality,  cat, space, icon                      | lowres, bad anatomy, bad hands, text, error, missing fingers, extra digit, fewer digits, cropped, worst quality, low quality, normal quality, jpeg artifacts, signature, watermark, username, blurry, lowres, bad anatomy, bad hands, text, error, missing fingers, extra digit, fewer digits, cropped, worst quality, low quality, normal quality, jpeg artifacts, signature, watermark, username, blurry
      """)
  void promptsAndNegativePromptsAreTheTools(String file, String prompt, String negative) throws IOException {
    var p = read(file).parameters();
    assertThat(p.prompt()).isEqualTo(prompt);
    assertThat(p.negativePrompt()).isEqualTo(negative == null ? "" : negative);
  }

  @Test
  void fooocusJsonIsNotTakenForAPrompt() throws IOException {
    // Issue 19, point 1: 2,455 characters of JSON landed in the prompt field.
    var found = read("fooocus1_cropped.png");
    assertThat(found.parameters().prompt()).doesNotContain("{").hasSize("a smiling goldfish".length());
    assertThat(found.notes()).anySatisfy(n -> assertThat(n).contains("Fooocus V2"));
  }

  @Test
  void invokeAisBracketedWordsAreItsNegativePrompt() throws IOException {
    // sd-parsers' invokeai_dream1.py: the positive prompt ends at "low contrast", the negative is the brackets.
    for (var file : new String[] {"invokeai_dream1.png", "invokeai_sdmeta1.png"}) {
      var p = read(file).parameters();
      assertThat(p.prompt()).as(file).startsWith("professional full body photo of young woman, hyper long brunette hair,")
          .endsWith("film grain, low contrast").doesNotContain("[");
      assertThat(p.negativePrompt()).as(file).isEqualTo("rendering, glowing eyes, skinny");
    }
  }

  @Test
  void comfyUisAreaPromptsAreAllFoundFromTheSampler() throws IOException {
    // sd-parsers' night_evening_day_morning_cropped.py lists these five prompts for sampler 3.
    var found = read("night_evening_day_morning_cropped.png");
    assertThat(found.parameters().prompt())
        .contains("(best quality) (daytime:1.2) sky (blue)")
        .contains("(best quality) (night:1.3) (darkness) sky (black) (stars:1.2) (galaxy:1.2) (space) (universe)")
        .contains("(best quality) (evening:1.2) (sky:1.2) (clouds) (colorful) (HDR:1.2) (sunset:1.3)")
        .contains("(masterpiece) (best quality) morning sky")
        .contains("(masterpiece) (best quality) beautiful landscape breathtaking amazing view nature photograph");
    assertThat(found.parameters().negativePrompt()).startsWith("(hands), text, error, cropped");
    assertThat(found.notes()).anySatisfy(n -> assertThat(n).startsWith("5 texts feed ComfyUI's positive input"));
  }

  @Test
  void comfyUisFirstSamplerIsRead() throws IOException {
    var p = read("unclip_2pass_cropped.png").parameters();
    assertThat(p.prompt()).contains("waifu, anime, exceptional, best aesthetic");
    assertThat(p.negativePrompt()).startsWith("lowres, (bad anatomy), (bad hands)");
  }

  @Test
  void aComfyUiGraphWithoutASamplerIsRefusedSayingSo() {
    var texts = Map.of("prompt", "{\"6\": {\"inputs\": {\"text\": \"a cat\"}, \"class_type\": \"CLIPTextEncode\"}}");
    assertThatThrownBy(() -> ForeignMetadata.read("graph.png", texts, TextBudget.standard()))
        .isInstanceOf(RecallException.class)
        .hasMessageStartingWith("graph.png: ComfyUI's “prompt” graph has no sampler (a KSampler node");
  }

  @Test
  void aComfyUiSamplerWhosePositiveLeadsNowhereIsRefusedNamingTheNode() {
    var texts = Map.of("prompt", "{\"3\": {\"inputs\": {\"seed\": 1, \"positive\": [\"9\", 0], \"negative\": [\"9\", 0]},"
        + " \"class_type\": \"KSampler\"}}");
    assertThatThrownBy(() -> ForeignMetadata.read("graph.png", texts, TextBudget.standard()))
        .isInstanceOf(RecallException.class)
        .hasMessage("graph.png: in ComfyUI's “prompt” graph the positive input of sampler node 3 leads to no text encoder"
            + " (CLIPTextEncode) with a text");
  }

  @Test
  void aComfyUiGraphWithACycleEnds() {
    var texts = Map.of("prompt", "{\"3\": {\"inputs\": {\"positive\": [\"4\", 0], \"negative\": [\"4\", 0]},"
        + " \"class_type\": \"KSampler\"}, \"4\": {\"inputs\": {\"a\": [\"5\", 0]}}, \"5\": {\"inputs\": {\"b\": [\"4\", 0],"
        + " \"c\": [\"6\", 0]}}, \"6\": {\"inputs\": {\"text\": \"a cat\"}, \"class_type\": \"CLIPTextEncode\"}}");
    var found = ForeignMetadata.read("loop.png", texts, TextBudget.standard()).orElseThrow();
    assertThat(found.parameters().prompt()).isEqualTo("a cat");
  }

  @Test
  void onlyAComfyUiWorkflowIsRefusedNamingWhatIsMissing() {
    assertThatThrownBy(() -> ForeignMetadata.read("ui.png", Map.of("workflow", "{}"), TextBudget.standard()))
        .hasMessageStartingWith("ui.png has only ComfyUI's “workflow” chunk");
  }

  @Test
  void damagedInvokeAiJsonIsRefusedWithWhereItBroke() {
    assertThatThrownBy(() -> ForeignMetadata.read("inv.png", Map.of("invokeai_metadata", "{\"positive_prompt\": \"a"),
        TextBudget.standard()))
        .isInstanceOf(RecallException.class)
        .hasMessageStartingWith("inv.png: InvokeAI's “invokeai_metadata” chunk is not JSON:")
        .hasMessageContaining("line 1, column");
  }

  @Test
  void anA1111PromptThatOpensWithABraceIsStillA1111() {
    var found = ForeignMetadata.read("dyn.png", Map.of("parameters", "{red|blue} apple\nSteps: 20, Seed: 5"),
        TextBudget.standard()).orElseThrow();
    assertThat(found.source()).isEqualTo(Source.A1111);
    assertThat(found.parameters().prompt()).isEqualTo("{red|blue} apple");
  }

  @Test
  void textChunksOfNoKnownToolAreNotRead() {
    assertThat(ForeignMetadata.read("x.png", Map.of("Software", "paint"), TextBudget.standard())).isEmpty();
  }
}
