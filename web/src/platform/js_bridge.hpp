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
void mimamori_js_navigate(const char* path);
void mimamori_js_fetch(int id, const char* method, const char* url, const char* body,
                       std::size_t body_length, const char* content_type);
void mimamori_js_report_error(const char* message, const char* where);
// Returns a malloc'd string the caller frees, or nullptr when the setting is unset.
char* mimamori_js_setting_get(const char* key);
void mimamori_js_setting_set(const char* key, const char* value);
}
