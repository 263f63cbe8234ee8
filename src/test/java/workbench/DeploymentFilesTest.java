package workbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yaml.snakeyaml.Yaml;
import workbench.node.NodeRole;
import workbench.node.WorkerNodesTest;

/**
 * docker-compose.yml and the Dockerfile, read as files: no Docker engine runs here. The compose
 * file must start a database, one ui and two workers with health checks, in the right order,
 * and every setting it gives the app must be one the app reads, under the names the
 * multi-instance test ({@link WorkerNodesTest}) exercises.
 */
class DeploymentFilesTest {

  private static Map<String, Object> compose;
  private static Set<String> knownEnvNames;

  @BeforeAll
  static void read() throws Exception {
    try (InputStream in = Files.newInputStream(Path.of("docker-compose.yml"))) {
      compose = new Yaml().load(in);
    }
    knownEnvNames = new TreeSet<>();
    for (var property : knownProperties()) {
      knownEnvNames.add(envName(property));
    }
  }

  @Test
  void startsADatabaseOneUiAndTwoWorkers() {
    assertThat(services().keySet()).containsExactlyInAnyOrder("db", "ui", "worker-1", "worker-2");
    var roles = new LinkedHashMap<String, String>();
    appServices().forEach((name, service) -> roles.put(name, env(service).get("WORKBENCH_ROLE")));
    assertThat(roles).containsExactlyInAnyOrderEntriesOf(Map.of("ui", "ui", "worker-1", "worker", "worker-2", "worker"));
    // Bound as Spring binds workbench.role: the ui serves pages and runs no jobs, workers the reverse.
    roles.forEach((name, role) -> {
      NodeRole bound = new Binder(
          new MapConfigurationPropertySource(
              Map.of("workbench.role", role))).bind("workbench.role", NodeRole.class).get();
      boolean ui = name.equals("ui");
      assertThat(bound.servesUi()).as(name + " serves pages").isEqualTo(ui);
      assertThat(bound.runsJobs()).as(name + " runs jobs").isEqualTo(!ui);
    });
    var names = appServices().values().stream().map(s -> env(s).get("WORKBENCH_GENERATION_WORKER_NAME")).toList();
    assertThat(Set.copyOf(names)).as("each instance signs its runs with its own name").hasSize(3);
  }

  @Test
  void theAppImageIsBuiltFromTheRepositoryAndOnlyTheUiIsPublished() {
    appServices().forEach((name, service) -> {
      assertThat(service.get("build")).as(name).isEqualTo(".");
      assertThat(service.get("image")).as(name).isEqualTo("prompt-workbench:latest");
    });
    assertThat(map(services().get("ui")).get("ports")).isEqualTo(List.of("8080:8080"));
    assertThat(map(services().get("worker-1"))).doesNotContainKey("ports");
    assertThat(map(services().get("worker-2"))).doesNotContainKey("ports");
  }

  @Test
  void everyServiceHasAHealthCheckAndTheAppWaitsForAHealthyDatabase() {
    var db = map(services().get("db"));
    assertThat(String.valueOf(map(db.get("healthcheck")).get("test"))).contains("pg_isready");
    assertThat(db.get("volumes")).asList().anySatisfy(v -> assertThat(v.toString()).endsWith(":/var/lib/postgresql/data"));
    assertThat(map(compose.get("volumes"))).containsKey("db-data");
    appServices().forEach((name, service) -> {
      assertThat(String.valueOf(map(service.get("healthcheck")).get("test"))).as(name)
          .contains("http://localhost:8080/actuator/health");
      assertThat(map(map(service.get("depends_on")).get("db"))).as(name).containsEntry("condition", "service_healthy");
    });
  }

  @Test
  void everyAppSettingIsOneTheAppReads() {
    appServices().forEach((name, service) -> {
      for (var key : env(service).keySet()) {
        assertThat(key).as("%s sets %s", name, key).matches("(WORKBENCH|SPRING|DB_SCHEDULER|SERVER)_[A-Z0-9_]+");
        assertThat(knownEnvNames).as("%s sets %s: no property of the app has that name", name, key).contains(key);
      }
    });
  }

  @Test
  void theSettingsTheMultiInstanceTestUsesAreTheOnesComposeSets() {
    for (var property : WorkerNodesTest.INSTANCE_SETTINGS) {
      appServices().forEach((name, service) ->
          assertThat(env(service)).as("%s sets %s", name, property).containsKey(envName(property)));
    }
  }

  @Test
  void theDatabaseUrlNamesTheComposeDatabase() {
    var db = env(map(services().get("db")));
    appServices().forEach((name, service) -> {
      var env = env(service);
      assertThat(env.get("SPRING_DATASOURCE_URL")).isEqualTo("jdbc:postgresql://db:5432/" + db.get("POSTGRES_DB"));
      assertThat(env.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(db.get("POSTGRES_USER"));
      assertThat(env.get("SPRING_DATASOURCE_PASSWORD")).isEqualTo(db.get("POSTGRES_PASSWORD"));
    });
  }

  @Test
  void theDockerfileBuildsWithTheWrapperAndRunsOnAJre17() throws IOException {
    var lines = Files.readAllLines(Path.of("Dockerfile")).stream().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    var stages = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
    assertThat(stages).containsExactly("FROM eclipse-temurin:17-jdk AS build", "FROM eclipse-temurin:17-jre");
    var text = String.join("\n", lines);
    assertThat(text).contains("./mvnw").contains("package").contains("COPY --from=build")
        .contains("ENTRYPOINT [\"java\"").contains("prompt-workbench.jar");
    // Everything the build needs is copied in, and the context leaves out what is built here.
    var copied = new ArrayList<String>();
    for (var line : lines) {
      var words = List.of(line.split("\\s+"));
      if (words.get(0).equals("COPY") && !words.get(1).startsWith("--")) {
        copied.addAll(words.subList(1, words.size() - 1));
      }
    }
    assertThat(copied).containsExactlyInAnyOrder("mvnw", "pom.xml", ".mvn", "db", "frontend", "src");
    assertThat(Files.readAllLines(Path.of(".dockerignore"))).contains("target/", "data/", "node_modules/");
  }

  // --- reading the files -----------------------------------------------------------------

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object yaml) {
    assertThat(yaml).isInstanceOf(Map.class);
    return (Map<String, Object>) yaml;
  }

  private static Map<String, Object> services() {
    return map(compose.get("services"));
  }

  private static Map<String, Map<String, Object>> appServices() {
    var out = new LinkedHashMap<String, Map<String, Object>>();
    services().forEach((name, service) -> {
      if (!name.equals("db")) {
        out.put(name, map(service));
      }
    });
    return out;
  }

  private static Map<String, String> env(Map<String, Object> service) {
    var out = new LinkedHashMap<String, String>();
    map(service.get("environment")).forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }

  /** How Spring reads a property from the environment: upper case, dots and dashes as underscores. */
  static String envName(String property) {
    return property.toUpperCase().replace('.', '_').replace('-', '_');
  }

  // --- the properties the app knows ------------------------------------------------------

  /**
   * Properties of Spring Boot and the libraries (their configuration metadata), of our
   * {@code @ConfigurationProperties} records, our {@code @Value} placeholders, and
   * application.properties.
   */
  static Set<String> knownProperties() throws Exception {
    var known = new TreeSet<String>();
    var resolver = new PathMatchingResourcePatternResolver();
    var json = new ObjectMapper();
    for (var resource : resolver.getResources("classpath*:META-INF/*spring-configuration-metadata.json")) {
      try (var in = resource.getInputStream()) {
        json.readTree(in).path("properties").forEach(p -> known.add(p.path("name").asText()));
      }
    }
    var properties = new Properties();
    try (var in = DeploymentFilesTest.class.getResourceAsStream("/application.properties")) {
      properties.load(in);
    }
    known.addAll(properties.stringPropertyNames());

    var scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter((reader, factory) -> true);
    var placeholder = Pattern.compile("\\$\\{([^:}]+)");
    for (var candidate : scanner.findCandidateComponents("workbench")) {
      var type = Class.forName(candidate.getBeanClassName());
      var prefix = type.getAnnotation(ConfigurationProperties.class);
      if (prefix != null && type.isRecord()) {
        var base = prefix.value().isEmpty() ? prefix.prefix() : prefix.value();
        for (RecordComponent c : type.getRecordComponents()) {
          known.add(base + "." + kebab(c.getName()));
        }
      }
      var annotated = new ArrayList<AnnotatedElement>(List.of(type.getDeclaredFields()));
      for (var constructor : type.getDeclaredConstructors()) {
        annotated.addAll(List.of(constructor.getParameters()));
      }
      for (var method : type.getDeclaredMethods()) {
        annotated.addAll(List.of(method.getParameters()));
      }
      for (var element : annotated) {
        var value = element.getAnnotation(Value.class);
        if (value != null) {
          var m = placeholder.matcher(value.value());
          while (m.find()) {
            known.add(m.group(1));
          }
        }
      }
    }
    assertThat(known).as("the app's own settings were found").contains("workbench.role", "workbench.data-dir",
        "workbench.generation.worker-name", "spring.datasource.url", "db-scheduler.heartbeat-interval");
    return known;
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
  }

  @Test
  void anUnknownSettingWouldBeCaught() {
    assertThat(knownEnvNames).contains("WORKBENCH_ROLE", "SPRING_DATASOURCE_URL")
        .doesNotContain("WORKBENCH_ROLES", "SPRING_DATASOURCE_URI", "WORKBENCH_WORKERS");
  }
}
