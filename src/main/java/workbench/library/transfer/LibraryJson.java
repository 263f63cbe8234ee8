package workbench.library.transfer;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.InputStream;
import java.util.stream.Collectors;
import workbench.library.ImportException;

/** The workbench's own library file: {@link LibraryDocument} as pretty JSON. */
public final class LibraryJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
          .build();

  private LibraryJson() {}

  public static String write(LibraryDocument document) {
    try {
      return MAPPER.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("library could not be written as JSON", e);
    }
  }

  /** Reads a library file; every failure is an {@link ImportException} saying where. */
  public static LibraryDocument read(InputStream in, long maxBytes) {
    var text = BoundedText.read(in, maxBytes, "JSON file");
    LibraryDocument document;
    try {
      document = MAPPER.readValue(text, LibraryDocument.class);
    } catch (JsonMappingException e) {
      throw new ImportException("Not a workbench library file: " + describe(e), e);
    } catch (JsonProcessingException e) {
      throw new ImportException("The file is not valid JSON: " + describe(e), e);
    }
    if (document == null) {
      throw new ImportException("The file is empty: expected a library as JSON");
    }
    if (!LibraryDocument.FORMAT.equals(document.format())) {
      throw new ImportException(
          "Not a workbench library file: \"format\" is '" + document.format() + "', expected '"
              + LibraryDocument.FORMAT + "'");
    }
    if (document.formatVersion() > LibraryDocument.VERSION) {
      throw new ImportException(
          "This library file has format version " + document.formatVersion()
              + "; this workbench reads up to version " + LibraryDocument.VERSION);
    }
    return document;
  }

  private static String describe(JsonProcessingException e) {
    var where = new StringBuilder();
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      where.append("at ")
          .append(
              mapping.getPath().stream()
                  .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                  .collect(Collectors.joining()))
          .append(", ");
    }
    JsonLocation location = e.getLocation();
    if (location != null && location.getLineNr() > 0) {
      where.append("line ").append(location.getLineNr()).append(" column ").append(location.getColumnNr()).append(": ");
    }
    return where + e.getOriginalMessage().lines().findFirst().orElse("");
  }
}
