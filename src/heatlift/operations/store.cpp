// open_store: which backend a url names. A new backend adds one branch here.
#include <fmt/format.h>

#include "heatlift/core/error.hpp"
#include "heatlift/operations/store.hpp"
#include "heatlift/operations/store_sqlite.hpp"
#if defined(HEATLIFT_WITH_POSTGRES)
#include "heatlift/operations/store_postgres.hpp"
#endif

namespace heatlift::operations {

std::unique_ptr<Store> open_store(std::string_view url) {
  if (url.empty())
    throw InvalidInput(
        "store: the url is empty; expected a SQLite file path, "
        "sqlite:PATH or postgresql://...");
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
#if defined(HEATLIFT_WITH_POSTGRES)
    return open_postgres_store(std::string(url));
#else
    throw NotSupported(
        fmt::format("store '{}': this heatlift was built without PostgreSQL "
                    "(install libpqxx-dev and build again)",
                    url));
#endif
  }
  if (url.starts_with("sqlite:")) {
    std::string_view path = url.substr(7);
    if (path.starts_with("//")) path.remove_prefix(2);  // sqlite://PATH as well
    if (path.empty()) throw InvalidInput(fmt::format("store '{}': no file after sqlite:", url));
    return open_sqlite_store(std::string(path));
  }
  if (const auto scheme = url.find("://"); scheme != std::string_view::npos)
    throw InvalidInput(
        fmt::format("store '{}': unknown kind '{}'; expected a SQLite file path, "
                    "sqlite:PATH or postgresql://...",
                    url, url.substr(0, scheme)));
  return open_sqlite_store(std::string(url));
}

}  // namespace heatlift::operations
