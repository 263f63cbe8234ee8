/** Database wiring: the embedded PostgreSQL the app starts when no datasource is configured. */
@NullMarked
package workbench.db;

import org.jspecify.annotations.NullMarked;
