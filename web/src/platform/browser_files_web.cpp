// browser_files.hpp in the browser: web/js/files.js, answered through main_queue.

#include "platform/browser_files.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>

#include <GLES3/gl3.h>
#include <emscripten/emscripten.h>

#include "platform/main_queue.hpp"

extern "C" {
void mimamori_js_files_pick(int id, const char* accept, int multiple, int capture);
void mimamori_js_files_read(int id, int handle, double offset, double length);
void mimamori_js_files_release(int handle);
void mimamori_js_files_xhr(int id, const char* method, const char* url, const char* headers, const char* body,
                           std::size_t body_length);
void mimamori_js_files_xhr_abort(int id);
void mimamori_js_files_decode_image(int id, const char* url, const char* bytes, std::size_t length, int max_side);
void mimamori_js_files_media_show(const char* kind, const char* url, double x, double y, double w, double h);
void mimamori_js_files_media_hide();
void mimamori_js_files_open_tab(const char* url);
}

namespace mimamori::web::browser_files {
namespace {

using Picked = Async<std::vector<FileRef>>;
using Read = Async<std::string>;
using Decoded = Async<Image>;

struct Transfer {
    std::function<void(std::uint64_t)> on_progress;
    http::Callback on_done;
};

int g_next_id = 1;
std::unordered_map<int, Picked::Completer> g_picks;
std::unordered_map<int, Read::Completer> g_reads;
std::unordered_map<int, Transfer> g_transfers;
std::unordered_map<int, Decoded::Completer> g_images;

std::string header_pairs(const http::Request& request) {
    std::string out;
    if (!request.content_type.empty()) out += "Content-Type\n" + request.content_type + '\n';
    for (const auto& [name, value] : request.headers) out += name + '\n' + value + '\n';
    return out;
}

Decoded decode(const char* url, const std::string& bytes, int max_side) {
    auto [handle, complete] = Decoded::start();
    const int id = g_next_id++;
    g_images.emplace(id, complete);
    mimamori_js_files_decode_image(id, url, bytes.data(), bytes.size(), max_side);
    return handle;
}

} // namespace

Picked pick(std::string_view accept, bool multiple, bool capture) {
    auto [handle, complete] = Picked::start();
    const int id = g_next_id++;
    g_picks.emplace(id, complete);
    const std::string a(accept);
    mimamori_js_files_pick(id, a.c_str(), multiple ? 1 : 0, capture ? 1 : 0);
    return handle;
}

Read read(int file, std::uint64_t offset, std::uint64_t length) {
    auto [handle, complete] = Read::start();
    const int id = g_next_id++;
    g_reads.emplace(id, complete);
    mimamori_js_files_read(id, file, static_cast<double>(offset), static_cast<double>(length));
    return handle;
}

void release(int handle) { mimamori_js_files_release(handle); }

int send_with_progress(const http::Request& request, std::function<void(std::uint64_t)> on_progress,
                       http::Callback on_done) {
    const int id = g_next_id++;
    g_transfers.emplace(id, Transfer{std::move(on_progress), std::move(on_done)});
    const std::string headers = header_pairs(request);
    const bool has_body = request.method != "GET" && request.method != "HEAD" && !request.body.empty();
    mimamori_js_files_xhr(id, request.method.c_str(), request.url.c_str(), headers.c_str(),
                          has_body ? request.body.data() : nullptr, has_body ? request.body.size() : 0);
    return id;
}

void abort(int id) {
    if (g_transfers.erase(id) > 0) mimamori_js_files_xhr_abort(id);
}

Decoded load_image(std::string_view url, int max_side) {
    const std::string u(url);
    return decode(u.c_str(), {}, max_side);
}

Decoded load_image_bytes(std::string bytes, int max_side) { return decode("", bytes, max_side); }

void free_image(Image& image) {
    if (image.texture != 0) {
        const GLuint texture = image.texture;
        glDeleteTextures(1, &texture);
    }
    image = Image{};
}

void show_media(std::string_view kind, std::string_view url, float x, float y, float w, float h) {
    const std::string k(kind), u(url);
    mimamori_js_files_media_show(k.c_str(), u.c_str(), x, y, w, h);
}

void hide_media() { mimamori_js_files_media_hide(); }

void open_in_new_tab(std::string_view url) {
    const std::string u(url);
    mimamori_js_files_open_tab(u.c_str());
}

} // namespace mimamori::web::browser_files

extern "C" {

// One line per file: handle \t size \t type \t name.
EMSCRIPTEN_KEEPALIVE void mimamori_web_files_picked(int id, const char* lines) {
    using namespace mimamori::web::browser_files;
    auto it = g_picks.find(id);
    if (it == g_picks.end()) return;
    auto complete = it->second;
    g_picks.erase(it);
    std::vector<FileRef> files;
    std::string_view text(lines);
    while (!text.empty()) {
        const auto end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        FileRef f;
        std::string_view fields[4];
        for (int i = 0; i < 3; ++i) {
            const auto tab = line.find('\t');
            if (tab == std::string_view::npos) return;
            fields[i] = line.substr(0, tab);
            line.remove_prefix(tab + 1);
        }
        fields[3] = line;
        f.handle = std::stoi(std::string(fields[0]));
        f.size = std::stoull(std::string(fields[1]));
        f.media_type = std::string(fields[2]);
        f.name = std::string(fields[3]);
        files.push_back(std::move(f));
    }
    mimamori::web::main_queue::post([complete, files = std::move(files)]() mutable { complete.succeed(std::move(files)); });
}

EMSCRIPTEN_KEEPALIVE void mimamori_web_files_read_done(int id, int ok, const char* data, int length) {
    using namespace mimamori::web::browser_files;
    auto it = g_reads.find(id);
    if (it == g_reads.end()) return;
    auto complete = it->second;
    g_reads.erase(it);
    std::string bytes(data, static_cast<std::size_t>(length));
    mimamori::web::main_queue::post([complete, ok, bytes = std::move(bytes)]() mutable {
        if (ok) return complete.succeed(std::move(bytes));
        complete.fail(mimamori::Error::make(mimamori::ErrorCode::Unavailable, "the browser could not read the file"));
    });
}

EMSCRIPTEN_KEEPALIVE void mimamori_web_files_xhr_progress(int id, double sent) {
    using namespace mimamori::web::browser_files;
    auto it = g_transfers.find(id);
    if (it == g_transfers.end() || !it->second.on_progress) return;
    auto on_progress = it->second.on_progress;
    mimamori::web::main_queue::post([on_progress, sent] { on_progress(static_cast<std::uint64_t>(sent)); });
}

EMSCRIPTEN_KEEPALIVE void mimamori_web_files_xhr_done(int id, int status, const char* body, int length,
                                                     const char* headers) {
    using namespace mimamori::web;
    auto it = browser_files::g_transfers.find(id);
    if (it == browser_files::g_transfers.end()) return;
    http::Callback on_done = std::move(it->second.on_done);
    browser_files::g_transfers.erase(it);
    mimamori::Result<http::Response> result =
        status == 0 ? mimamori::Result<http::Response>(
                          mimamori::Error::make(mimamori::ErrorCode::Unavailable, "no response: the connection failed"))
                    : mimamori::Result<http::Response>(http::Response{
                          status, std::string(body, static_cast<std::size_t>(length)), http::decode_headers(headers)});
    main_queue::post([on_done = std::move(on_done), result = std::move(result)]() mutable { on_done(std::move(result)); });
}

// pixels == 0: the image could not be decoded (`error` says why).
EMSCRIPTEN_KEEPALIVE void mimamori_web_files_image_done(int id, const unsigned char* pixels, int width, int height,
                                                       int original_width, int original_height, const char* error) {
    using namespace mimamori::web::browser_files;
    auto it = g_images.find(id);
    if (it == g_images.end()) return;
    auto complete = it->second;
    g_images.erase(it);
    if (pixels == nullptr) {
        std::string message = std::string("the image could not be shown: ") + error;
        mimamori::web::main_queue::post([complete, message] {
            complete.fail(mimamori::Error::make(mimamori::ErrorCode::InvalidInput, message));
        });
        return;
    }
    // The texture is made now, while the pixels are in the heap (they are freed on return).
    GLuint texture = 0;
    glGenTextures(1, &texture);
    glBindTexture(GL_TEXTURE_2D, texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    glBindTexture(GL_TEXTURE_2D, 0);
    Image image{texture, width, height, original_width, original_height};
    mimamori::web::main_queue::post([complete, image] { complete.succeed(image); });
}

} // extern "C"
