package workbench.ui;

import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * One scheduler for pages that do something a little later (the grid page's refresh after a
 * burst of finished cells), built by Spring Boot from {@code spring.task.scheduling.*} and shut
 * down with the context, instead of a static executor per page class. The scheduled work only
 * hands a task to {@code UI.access}, so one thread is enough.
 */
@Configuration(proxyBeanMethods = false)
class UiScheduling {

  @Bean
  ThreadPoolTaskScheduler pageScheduler(ThreadPoolTaskSchedulerBuilder builder) {
    return builder.poolSize(1).threadNamePrefix("page-later-").build();
  }
}
