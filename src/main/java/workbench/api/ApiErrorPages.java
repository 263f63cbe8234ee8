package workbench.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Puts {@link ApiErrorReportValve} in place of the host's error report valve. Spring Boot adds
 * its own (HTML, no report) in a context customizer, and the host adds Tomcat's default when it
 * starts unless one of its class is there; the innermost valve reports first. So, just before
 * the host starts (after every customizer, whatever their order), every other error report
 * valve is removed and ours is the host's, by instance and by class name.
 */
@Component
class ApiErrorPages implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  private final ObjectMapper json;

  ApiErrorPages(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addContextCustomizers(context -> {
      if (context.getParent() instanceof StandardHost host) {
        host.addLifecycleListener(event -> {
          if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
            for (var valve : host.getPipeline().getValves()) {
              if (valve instanceof ErrorReportValve) {
                host.getPipeline().removeValve(valve);
              }
            }
            host.setErrorReportValveClass(ApiErrorReportValve.class.getName());
            host.getPipeline().addValve(new ApiErrorReportValve(json));
          }
        });
      }
    });
  }
}
