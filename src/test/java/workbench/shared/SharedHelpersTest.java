package workbench.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import workbench.DatabaseTest;

/** The shared helpers against their references: FIPS 180-2's test vectors and PostgreSQL's own LIKE. */
class SharedHelpersTest extends DatabaseTest {

  @Autowired JdbcClient jdbc;

  @Test
  void sha256MatchesTheStandardsTestVectors() {
    // FIPS 180-2, appendix B.1 and B.2.
    assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(Sha256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))
        .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    assertThat(Sha256.hex(new byte[0])).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void aLikePatternMatchesWhatWasTypedLiterallyInPostgres() {
    var texts = List.of("100% cotton", "100 percent cotton", "a_b", "axb", "back\\slash", "backslash", "INDIGO ink",
        "a photo of a cat");
    var queries = List.of("100%", "a_b", "back\\slash", "\\", "%", "_", "Indigo", " cat ");
    var previous = Locale.getDefault();
    // Under a Turkish default locale "I" lower-cases to a dotless ı, which lower() in SQL never writes.
    Locale.setDefault(Locale.forLanguageTag("tr-TR"));
    try {
      for (var query : queries) {
        var pattern = LikePatterns.containsLowerCase(query);
        for (var text : texts) {
          boolean matched = jdbc.sql("select lower(?) like ?").params(text, pattern).query(Boolean.class).single();
          boolean expected = text.toLowerCase(Locale.ROOT).contains(query.strip().toLowerCase(Locale.ROOT));
          assertThat(matched).as("'%s' like pattern of '%s' (%s)", text, query, pattern).isEqualTo(expected);
        }
      }
    } finally {
      Locale.setDefault(previous);
    }
  }

  @Test
  void daemonThreadsAreNamedDaemons() throws InterruptedException {
    var seen = new String[1];
    var thread = DaemonThreads.of("helper-test", () -> seen[0] = Thread.currentThread().getName());
    assertThat(thread.isDaemon()).isTrue();
    thread.start();
    thread.join();
    assertThat(seen[0]).isEqualTo("helper-test");
  }
}
