// The PostgreSQL store (store.hpp), for a server that several ingests and readers share.
// Same tables, view, columns and semantics as the SQLite store; the type mapping is in
// docs/operations.md ("PostgreSQL"): k BIGINT (unit · 2^32 + t, t in s since 1970 UTC), dt INTEGER,
// one DOUBLE PRECISION per channel with NULL for "not measured", flags BIGINT (the uint32 bits),
// unit metadata as JSONB. An upsert is one transaction: the rows go to the server as one array per
// column and are merged with INSERT … SELECT FROM unnest(…) ON CONFLICT (k) DO UPDATE, so a batch
// delivered twice stores each row once. Only store.cpp and the tests include this header; everyone
// else opens a store by url.
#pragma once

#include <memory>
#include <string>

#include "heatlift/operations/store.hpp"

namespace heatlift::operations {

/// Connects to `url` ("postgresql://user@host:port/db" or "postgres://…", any libpq
/// connection URI) and creates the schema if it is missing. Throws InvalidInput naming the url
/// (without its password) when the server cannot be reached or refuses the connection (as
/// the SQLite store does for a file it cannot open), DataMissing when a connection is lost.
std::unique_ptr<Store> open_postgres_store(const std::string& url);

/// The url with any password replaced by "***", for messages and logs.
std::string redact_url(const std::string& url);

}  // namespace heatlift::operations
