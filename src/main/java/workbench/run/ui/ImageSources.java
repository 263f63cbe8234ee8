package workbench.run.ui;

import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import workbench.run.GenerationService;
import workbench.run.ImageKind;

/**
 * Where images in views come from: small PNGs (previews, 64×64 thumbnails) inline as data
 * URLs, so a list row costs no extra request; stored full images through a download handler
 * that reads them only when the browser asks.
 */
public final class ImageSources {

  private ImageSources() {}

  public static String dataUrl(byte[] png) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
  }

  /** A stored image of a run, served inline (for {@code <img>}) or as a download. */
  public static DownloadHandler stored(GenerationService generation, UUID runId, ImageKind kind) {
    return DownloadHandler.fromInputStream(event -> generation.image(runId, kind)
        .map(png -> new DownloadResponse(new ByteArrayInputStream(png), fileName(runId, kind), "image/png", png.length))
        .orElseGet(() -> DownloadResponse.error(404, "run " + runId + " has no " + kind + " image")));
  }

  /** The name a downloaded PNG gets: short, unique, and says which image it is. */
  public static String fileName(UUID runId, ImageKind kind) {
    return "workbench-" + runId.toString().substring(0, 8) + (kind == ImageKind.FINAL ? "" : "-" + kind.name().toLowerCase(Locale.ROOT)) + ".png";
  }
}
