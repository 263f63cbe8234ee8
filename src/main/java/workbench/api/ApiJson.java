package workbench.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API's JSON (Spring's ObjectMapper; the UI and the files the workbench writes have their
 * own): JSON has no NaN or infinity, and Jackson would write them as the strings "NaN" and
 * "Infinity" in a number's place. A figure that is undefined (Krippendorff's alpha when every
 * answer is the same, a correlation of fewer than three cells, the mean of no scores) is null
 * instead, and such properties are nullable in the OpenAPI description.
 */
@Configuration
class ApiJson {

  @Bean
  Jackson2ObjectMapperBuilderCustomizer nonFiniteNumbersAreNull() {
    var serializer = new NonFiniteAsNull();
    return builder -> builder.serializerByType(Double.class, serializer).serializerByType(double.class, serializer);
  }

  static final class NonFiniteAsNull extends StdSerializer<Double> {

    NonFiniteAsNull() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator json, SerializerProvider provider) throws IOException {
      if (Double.isFinite(value)) {
        json.writeNumber(value);
      } else {
        json.writeNull();
      }
    }
  }
}
