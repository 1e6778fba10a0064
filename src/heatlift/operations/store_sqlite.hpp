// The SQLite store (store.hpp): one file, WAL journal, synchronous=NORMAL, one transaction per
// upsert, prepared statements kept for the store's life. Only store.cpp and the tests include
// this header; everyone else opens a store by url.
#pragma once

#include <filesystem>
#include <memory>

#include "heatlift/operations/store.hpp"

namespace heatlift::operations {

/// Opens (creating the file and schema if needed) the SQLite store at `path`. Throws
/// InvalidInput naming the path when it cannot be opened or is not a heatlift store; a
/// failure while reading or writing (disk full, the file locked too long) is an Error with
/// code internal (exit 1) naming the path and SQLite's message.
std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& path);

}  // namespace heatlift::operations
