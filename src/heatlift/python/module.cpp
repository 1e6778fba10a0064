// heatlift._core: the extension module behind `import heatlift` (python/heatlift/). Every
// long call releases the GIL while the engine works, so Python threads and Dask workers run
// it in parallel.
#include "heatlift/python/bindings.hpp"

PYBIND11_MODULE(_core, m) {
  namespace hp = heatlift::python;
  m.doc() =
      "heatlift's engine: fluids, cycles, products and their maps, rating, climate, sites, "
      "the national fleet and monitoring data. Use it through the heatlift package, which returns "
      "pandas tables.";
  m.attr("__version__") = HEATLIFT_VERSION;
  hp::bind_errors(m);
  hp::bind_session(m);
  hp::bind_fluids(m);
  hp::bind_cycles(m);
  hp::bind_products(m);
  hp::bind_rating(m);
  hp::bind_climate(m);
  hp::bind_site(m);
  hp::bind_fleet(m);
  hp::bind_monitor(m);
}
