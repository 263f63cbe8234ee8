package workbench.gallery.ui;

import com.vaadin.flow.component.ComponentEvent;
import workbench.gallery.GalleryFilter;
import workbench.gallery.GallerySort;

/** The filter bar's filter or sort changed. */
public class FilterChangedEvent extends ComponentEvent<GalleryFilterBar> {

  private final GalleryFilter filter;
  private final GallerySort sort;

  public FilterChangedEvent(GalleryFilterBar source, GalleryFilter filter, GallerySort sort) {
    super(source, true);
    this.filter = filter;
    this.sort = sort;
  }

  public GalleryFilter filter() {
    return filter;
  }

  public GallerySort sort() {
    return sort;
  }
}
