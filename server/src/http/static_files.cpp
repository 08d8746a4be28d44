#include "http/static_files.hpp"

#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <optional>

namespace mimamori::http {
namespace {

namespace fs = std::filesystem;

struct FileInfo {
    fs::path path;
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
};

Response not_found() { return Response::error(Error::make(ErrorCode::NotFound, "no such file")); }

// A regular file whose real path (symlinks resolved) lies inside `root` (already canonical).
std::optional<FileInfo> resolve_inside(const fs::path& root, const fs::path& candidate) {
    std::error_code ec;
    fs::path real = fs::canonical(candidate, ec);
    if (ec) return std::nullopt;
    auto [root_end, real_it] = std::mismatch(root.begin(), root.end(), real.begin(), real.end());
    if (root_end != root.end() || real_it == real.end()) return std::nullopt;
    struct stat st {};
    if (::stat(real.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    return FileInfo{real, static_cast<std::uint64_t>(st.st_size),
                    static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
}

// Strong, because it changes with any change of size or modification time, and differs between
// the plain and the gzip file (they are different representations).
std::string etag_for(const FileInfo& file, bool gzip) {
    char text[64];
    std::snprintf(text, sizeof text, "\"%llx-%llx%s\"", static_cast<unsigned long long>(file.size),
                  static_cast<unsigned long long>(file.mtime_ns), gzip ? "-gz" : "");
    return text;
}

// If-None-Match uses the weak comparison (RFC 9110 §13.1.2): "W/" is ignored.
bool etag_matches(std::string_view if_none_match, std::string_view etag) {
    while (!if_none_match.empty()) {
        auto comma = if_none_match.find(',');
        std::string_view item = trim_ows(if_none_match.substr(0, comma));
        if (item.starts_with("W/")) item.remove_prefix(2);
        if (item == "*" || item == etag) return true;
        if (comma == std::string_view::npos) break;
        if_none_match.remove_prefix(comma + 1);
    }
    return false;
}

std::optional<std::string> read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

} // namespace

std::string_view content_type_for(const fs::path& file) {
    std::string ext = to_lower(file.extension().string());
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
    if (ext == ".wasm") return "application/wasm";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".json" || ext == ".map") return "application/json";
    if (ext == ".webmanifest") return "application/manifest+json";
    if (ext == ".ttf") return "font/ttf";
    if (ext == ".otf") return "font/otf";
    if (ext == ".woff2") return "font/woff2";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".png") return "image/png";
    if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
    if (ext == ".txt") return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

Response StaticFiles::serve(const Request& request) const {
    std::vector<std::string> segments = request.segments;
    if (segments.back().empty()) segments.back() = "index.html"; // "/" and "/dir/"
    fs::path relative;
    for (const std::string& s : segments) {
        // Covers "", ".", ".." and dotfiles (.git, .env): none is part of a bundle.
        if (s.empty() || s.front() == '.' || s.find('\\') != std::string::npos) return not_found();
        relative /= s;
    }
    std::error_code ec;
    fs::path root = fs::canonical(m_root, ec);
    if (ec) return not_found();

    auto plain = resolve_inside(root, root / relative);
    if (!plain) return not_found();
    fs::path gz_name = root / relative;
    gz_name += ".gz";
    auto gz = resolve_inside(root, gz_name);
    bool use_gzip = false;
    if (gz) {
        for (auto value : request.headers.all("Accept-Encoding")) use_gzip = use_gzip || list_has_token(value, "gzip");
    }
    const FileInfo& file = use_gzip ? *gz : *plain;

    Response r;
    r.headers.set("Content-Type", std::string(content_type_for(relative)));
    r.headers.set("ETag", etag_for(file, use_gzip));
    // The bundle's file names carry no content hash, so a long max-age could pair a new
    // index.html with an old .wasm: every file is revalidated, which the ETag makes a cheap 304.
    r.headers.set("Cache-Control", "no-cache");
    if (gz) r.headers.set("Vary", "Accept-Encoding");
    if (use_gzip) r.headers.set("Content-Encoding", "gzip");

    auto if_none_match = request.header("If-None-Match");
    if (if_none_match && etag_matches(*if_none_match, etag_for(file, use_gzip))) {
        r.status = 304;
        r.headers.remove("Content-Type");
        return r;
    }
    if (request.is_head()) {
        r.omitted_body_length = file.size;
        return r;
    }
    auto body = read_file(file.path);
    if (!body) return not_found();
    r.body = std::move(*body);
    return r;
}

} // namespace mimamori::http
