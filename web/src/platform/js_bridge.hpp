#pragma once
// The JavaScript functions of web/js/platform.js, as C++ sees them. Only the *_web.cpp files
// include this header: everything else goes through the platform interfaces beside it.

#include <cstddef>

extern "C" {
void mimamori_js_runtime_ready();
void mimamori_js_request_frame();
void mimamori_js_set_timer(double milliseconds);
// Position of ImGui's text cursor in canvas (device) pixels; want != 0 while a field is active.
void mimamori_js_update_ime(int want, double x, double y, double line_height);
void mimamori_js_set_cursor(int imgui_mouse_cursor);
void mimamori_js_write_clipboard(const char* utf8);
void mimamori_js_first_interactive();
// Replaces the app with a message asking to reload the page (the app cannot go on).
void mimamori_js_show_failure();
// replace != 0: in place of the current history entry.
void mimamori_js_navigate(const char* path, int replace);
// headers: "name\nvalue\n" pairs.
void mimamori_js_fetch(int id, const char* method, const char* url, const char* body,
                       std::size_t body_length, const char* content_type, const char* headers);
// Starts a browser download of a same-origin URL (the session cookie goes with it).
void mimamori_js_download(const char* url);
// Opens the browser's file picker (`accept`: the input's accept attribute) and reads the chosen
// file, unless larger than max_bytes; the answer comes through mimamori_web_file_done(id, ...).
void mimamori_js_pick_file(int id, const char* accept, double max_bytes);
// Prints `title` and `lines` ("\n"-separated) from the page's print-only element, which is
// emptied again once the print dialog closes.
void mimamori_js_print(const char* title, const char* lines);
// Seconds since 1970 (UTC) by the device's clock.
double mimamori_js_unix_seconds();
// An ISO 8601 time as "YYYY-MM-DD HH:MM" in the device's time zone, as a malloc'd string the
// caller frees (the input unchanged when it is not a time).
char* mimamori_js_local_time(const char* iso);
void mimamori_js_report_error(const char* message, const char* where);
// Returns a malloc'd string the caller frees, or nullptr when the setting is unset.
char* mimamori_js_setting_get(const char* key);
void mimamori_js_setting_set(const char* key, const char* value);
}
