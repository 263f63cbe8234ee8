package workbench.journey;

import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import workbench.grid.GridExportSection;

/**
 * Each grid cell's filmstrip for the grid's ZIP export when it is asked for: the same PNG as
 * the cell's run page offers (frames with each term's score, the recipe in its text chunks).
 * Adds nothing to the grid's text exports: a cell's loop belongs on its own page.
 */
@Component
class JourneyGridSection implements GridExportSection {

  private final JourneyService journeys;

  JourneyGridSection(JourneyService journeys) {
    this.journeys = journeys;
  }

  @Override
  public String wikitext(UUID gridId) {
    return "";
  }

  @Override
  public String markdown(UUID gridId) {
    return "";
  }

  @Override
  public Optional<byte[]> cellFilmstrip(UUID runId) {
    return journeys.journey(runId).filter(journey -> !journey.isEmpty()).map(journey -> Filmstrip.png(journey, true));
  }
}
