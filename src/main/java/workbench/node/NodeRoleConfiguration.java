package workbench.node;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What {@code workbench.role=worker} changes on the web side: a worker serves no pages. Every
 * request but the health check gets 404 before Vaadin or security see it, so a load balancer
 * that sends people to a worker by mistake shows an honest message instead of a second UI.
 * (What the role changes in the job queue is in the run module's {@code RunJob}.)
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "workbench.role", havingValue = "worker")
class NodeRoleConfiguration {

  @Bean
  FilterRegistrationBean<WorkerServesNoPages> workerServesNoPages() {
    var registration = new FilterRegistrationBean<>(new WorkerServesNoPages());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    registration.addUrlPatterns("/*");
    return registration;
  }

  static final class WorkerServesNoPages extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      var path = request.getRequestURI().substring(request.getContextPath().length());
      if (path.equals("/actuator/health") || path.startsWith("/actuator/health/")) {
        chain.doFilter(request, response);
        return;
      }
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      response.setContentType("text/plain;charset=UTF-8");
      response.getWriter().println(
          "This is a worker node (workbench.role=worker): it runs generation jobs and serves no pages.");
    }
  }
}
