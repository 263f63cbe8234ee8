package workbench;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Base of view tests: the real Spring app on the embedded PostgreSQL, a mocked browser. */
public abstract class KaribuTest extends DatabaseTest {

  private static final Routes ROUTES = new Routes().autoDiscoverViews("workbench");

  @Autowired protected ApplicationContext context;

  @BeforeEach
  void setUpVaadin() {
    MockVaadin.setup(UI::new, new MockSpringServlet(ROUTES, context, UI::new));
  }

  @AfterEach
  void tearDownVaadin() {
    MockVaadin.tearDown();
  }
}
