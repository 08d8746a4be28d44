#pragma once
// The web bundle (index.html, the app's .js and .wasm, the font...) served from a directory.
//  - never outside the root: no "..", no dotfiles, no symlink leading out;
//  - FILE.gz with Content-Encoding: gzip when the client accepts gzip and it exists;
//  - a strong ETag with If-None-Match -> 304, and "Cache-Control: no-cache" (see .cpp);
//  - GET and HEAD; "/" is index.html; anything unknown is a JSON 404.

#include <filesystem>

#include "http/request.hpp"
#include "http/response.hpp"

namespace mimamori::http {

class StaticFiles {
public:
    // `root` need not exist (no web build yet): every file is then a 404.
    explicit StaticFiles(std::filesystem::path root) : m_root(std::move(root)) {}

    // Answers a GET or HEAD whose target is parsed.
    Response serve(const Request& request) const;

    const std::filesystem::path& root() const { return m_root; }

private:
    std::filesystem::path m_root;
};

// The Content-Type of a bundle file by its extension ("application/wasm" for .wasm ...).
std::string_view content_type_for(const std::filesystem::path& file);

} // namespace mimamori::http
