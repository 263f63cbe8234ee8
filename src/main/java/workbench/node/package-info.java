/**
 * This instance of the deployment: its settings (data folder, role) and what the worker role
 * changes on the web side. The heartbeat and the list of workers are still in generation, whose
 * job queue they read.
 */
@NullMarked
package workbench.node;

import org.jspecify.annotations.NullMarked;
