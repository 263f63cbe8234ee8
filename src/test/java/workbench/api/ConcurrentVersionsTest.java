package workbench.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import workbench.account.Role;

/**
 * Twenty clients save a version of one prompt at the same moment (issue 16, finding 5): each
 * gets its version (201) or a 409 problem that names the conflict, never a 500; the versions
 * stored are numbered without gaps and are exactly the ones answered 201.
 */
class ConcurrentVersionsTest extends RunningApi {

  @Test
  void parallelSavesOfOnePromptGetTheirVersionOrAConflict() throws Exception {
    var ed = user("ed", "ed-password-1", Role.EDITOR);
    var token = token(ed, "ed-password-1");
    long library = json(post("/api/v1/libraries", token, "{\"name\":\"Race\"}")).get("id").asLong();
    long prompt = json(post("/api/v1/libraries/" + library + "/prompts", token,
        "{\"title\":\"apple\",\"text\":\"a red apple\"}")).get("id").asLong();

    int clients = 20;
    var start = new CountDownLatch(1);
    var pool = Executors.newFixedThreadPool(clients);
    var answers = new ArrayList<HttpResponse<String>>();
    try {
      var saves = new ArrayList<Callable<HttpResponse<String>>>();
      for (int i = 0; i < clients; i++) {
        var text = "a red apple:: table::0." + (i + 1);
        saves.add(() -> {
          start.await();
          return post("/api/v1/prompts/" + prompt + "/versions", token, "{\"text\":\"" + text + "\"}");
        });
      }
      var futures = saves.stream().map(pool::submit).toList();
      start.countDown();
      for (var f : futures) {
        answers.add(f.get());
      }
    } finally {
      pool.shutdown();
    }

    assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).as(a.body()).isIn(201, 409));
    var conflicts = answers.stream().filter(a -> a.statusCode() == 409).toList();
    assertThat(conflicts).allSatisfy(a -> {
      assertThat(a.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
      assertThat(json(a).get("detail").asText()).contains("Prompt " + prompt, "saved by someone else at the same time");
    });
    long saved = answers.stream().filter(a -> a.statusCode() == 201).count();
    var versions = json(get("/api/v1/prompts/" + prompt, token)).get("versions");
    List<Integer> numbers = new ArrayList<>();
    versions.forEach(v -> numbers.add(v.get("number").asInt()));
    assertThat(numbers).as("no gaps, one per 201").hasSize((int) saved + 1)
        .isEqualTo(IntStream.rangeClosed(1, (int) saved + 1).boxed().toList());
  }
}
