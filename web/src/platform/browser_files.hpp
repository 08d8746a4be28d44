#pragma once
// The browser's help for files (issue 7), behind one interface (web/js/files.js): files the
// person picks, kept by the browser and read a slice at a time; HTTP requests whose upload
// progress is reported; images decoded and downscaled by the browser into GL textures; the
// browser's own <audio>/<video> element placed over the app; a URL opened in a new tab.
// Every answer re-enters through main_queue, like http.hpp's.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "async.hpp"
#include "platform/http.hpp"

namespace mimamori::web::browser_files {

// A file the person picked; its bytes stay in the browser until read().
struct FileRef {
    int handle = 0;
    std::string name;
    std::string media_type; // the browser's guess from the name, may be ""
    std::uint64_t size = 0;
};

// Opens the picker (inside a user gesture: the frame of a press). The value: the chosen files,
// empty when the person closed the picker. `capture`: the phone's camera directly.
Async<std::vector<FileRef>> pick(std::string_view accept, bool multiple, bool capture);

// Bytes [offset, offset + length) of a picked file; Unavailable when the browser cannot read it
// (the file was changed or removed meanwhile).
Async<std::string> read(int handle, std::uint64_t offset, std::uint64_t length);

// The browser forgets the file.
void release(int handle);

// Sends `request` (body as bytes) by XMLHttpRequest: `on_progress` with the bytes of the body
// sent so far, then `on_done` as http::send's callback. Returns an id for abort().
int send_with_progress(const http::Request& request, std::function<void(std::uint64_t)> on_progress,
                       http::Callback on_done);
// Stops a request; its callbacks are not called.
void abort(int id);

// A decoded image in a GL texture (0 when none); the size of the texture and of the original.
struct Image {
    unsigned texture = 0;
    int width = 0;
    int height = 0;
    int original_width = 0;
    int original_height = 0;
};
// Decodes the image at a same-origin `url` (or `bytes`, e.g. a family file decrypted in the
// browser), its longer side scaled down to at most `max_side` pixels.
Async<Image> load_image(std::string_view url, int max_side);
Async<Image> load_image_bytes(std::string bytes, int max_side);
void free_image(Image& image);

// The browser's media element ("audio" or "video") for `url`, over the app at a rectangle in
// canvas pixels (ImGui's coordinates). Calling again with the same URL moves it.
void show_media(std::string_view kind, std::string_view url, float x, float y, float w, float h);
void hide_media();

// `url` in a new tab (PDF: the browser's viewer).
void open_in_new_tab(std::string_view url);

} // namespace mimamori::web::browser_files
