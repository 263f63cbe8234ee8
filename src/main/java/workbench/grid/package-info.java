/** A/B seed grids: experiments, cells, statistics that say which wording wins, exports. */
@NullMarked
package workbench.grid;

import org.jspecify.annotations.NullMarked;
