package workbench.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every record the REST API reads or writes has a schema name of its own in the OpenAPI
 * description. springdoc names a schema by the class's simple name and keeps only one class per
 * name, silently: two records named {@code Summary} (the grid's row summary and the statistics'
 * score summary) once made the grid results document the wrong fields (issue 19, point 10).
 */
class ApiSchemaNamesTest {

  @Test
  void noTwoRecordsOfTheApiShareASchemaName() throws Exception {
    var scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
    var seen = new HashSet<Class<?>>();
    for (var bean : scanner.findCandidateComponents("workbench.api")) {
      var controller = Class.forName(bean.getBeanClassName());
      for (var method : controller.getDeclaredMethods()) {
        if (AnnotatedElementUtils.hasAnnotation(method, RequestMapping.class)) {
          walk(method.getGenericReturnType(), seen);
          for (var parameter : method.getParameters()) {
            if (parameter.isAnnotationPresent(RequestBody.class)) {
              walk(parameter.getParameterizedType(), seen);
            }
          }
        }
      }
    }
    var byName = new TreeMap<String, Set<String>>();
    for (var type : seen) {
      byName.computeIfAbsent(schemaName(type), n -> new TreeSet<>()).add(type.getName());
    }
    var shared = new ArrayList<String>();
    byName.forEach((name, classes) -> {
      if (classes.size() > 1) {
        shared.add(name + ": " + classes);
      }
    });
    assertThat(byName).as("the walk found the API's records").containsKeys("ApiToken", "GridResults", "RowSummary",
        "ScoreSummary", "ReviewResults", "RecalledRecipe");
    assertThat(shared).as("schema names given to more than one class").isEmpty();
  }

  private static String schemaName(Class<?> type) {
    var schema = type.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
    return schema != null && !schema.name().isEmpty() ? schema.name() : type.getSimpleName();
  }

  /** The records (and other classes of ours) a type reaches, through containers and record components. */
  private static void walk(Type type, Set<Class<?>> seen) {
    if (type instanceof ParameterizedType p) {
      for (var argument : p.getActualTypeArguments()) {
        walk(argument, seen);
      }
      walk(p.getRawType(), seen);
    } else if (type instanceof GenericArrayType a) {
      walk(a.getGenericComponentType(), seen);
    } else if (type instanceof Class<?> c) {
      if (c.isArray()) {
        walk(c.getComponentType(), seen);
      } else if (!c.isPrimitive() && !c.isEnum() && c.getName().startsWith("workbench.") && seen.add(c)
          && c.isRecord()) {
        for (var component : c.getRecordComponents()) {
          walk(component.getGenericType(), seen);
        }
      }
    }
  }
}
