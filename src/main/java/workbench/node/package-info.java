/**
 * This instance of the deployment and its peers: its settings (data folder, role), what the
 * worker role changes on the web side, the heartbeat each node writes, and the list of nodes
 * with what each is running (described through the run module's API).
 */
@NullMarked
package workbench.node;

import org.jspecify.annotations.NullMarked;
