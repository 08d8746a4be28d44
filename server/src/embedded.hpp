#pragma once
// Files compiled into the server binary (see server/cmake/MimamoriEmbed.cmake): the numbered SQL
// migrations and the OpenAPI document. Nothing is read from disk at run time.

#include <span>
#include <string_view>

namespace mimamori::server {

struct EmbeddedFile {
    std::string_view name;    // the file name, e.g. "0001_foundation.sql"
    std::string_view content;
};

// server/migrations/*.sql, in the order CMake lists them (their version order).
std::span<const EmbeddedFile> embedded_migrations();

// server/api/openapi.json (one file).
std::span<const EmbeddedFile> embedded_api_documents();

} // namespace mimamori::server
