package workbench.db;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import workbench.node.WorkbenchSettings;

/**
 * Zero set-up: with no {@code spring.datasource.url}, the app starts its own PostgreSQL in
 * {@code ${workbench.data-dir}/postgres}. With a URL (e.g. {@code SPRING_DATASOURCE_URL}) this
 * configuration stays out of the way and Boot connects to that server instead.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabaseConfiguration {

  @Bean(destroyMethod = "close")
  EmbeddedDatabase embeddedDatabase(WorkbenchSettings settings) {
    return EmbeddedDatabase.start(settings.dataDir().resolve("postgres"));
  }

  @Bean
  @ConditionalOnMissingBean(DataSource.class)
  HikariDataSource dataSource(EmbeddedDatabase database) {
    var pool = new HikariDataSource();
    pool.setJdbcUrl(database.jdbcUrl());
    pool.setUsername(database.username());
    pool.setPassword(database.password());
    pool.setPoolName("workbench");
    pool.setMaximumPoolSize(10);
    return pool;
  }
}
