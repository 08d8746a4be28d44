#pragma once
// The full view of an image, shared by the professional files (attachment_strip.cpp: a stored
// file's texture, decoded by the browser from its URL) and the family space (a photo decrypted
// and verified in the page, decoded from those bytes: nothing in the clear leaves the page). The
// caller owns the texture; this draws it, fitted to the view, zoomed with the buttons, the wheel
// or two fingers (around the point under them) and moved with a drag or one finger.
//
//   files::begin_full_view("##my-viewer");           // dark, over the app's work area
//   if (ui::button(..., "my-close")) close = true;   // the caller's own buttons on the first line
//   ImGui::SameLine(); files::draw_zoom_buttons(m_zoom);
//   files::draw_zoomable_image(m_zoom, image, name); // fills the rest of the window
//   files::end_full_view();
//
// The test hook describes the image as "view <name>", value "<w>x<h> zoom <percent>%" (the
// original pixel size; 100% is fitted).

#include <string>

#include "imgui.h"
#include "platform/browser_files.hpp"

namespace mimamori::web::files {

// How a view is zoomed and moved; {} is fitted and centred.
struct ImageZoom {
    float zoom = 1;   // 1: fitted to the view
    ImVec2 pan{0, 0}; // in screen pixels, the image centre's offset from the view's centre

    // Zooms by `factor` (clamped to 1/4 .. 16) around `point`, which stays over the same spot of
    // the image; `centre` is the middle of the view.
    void zoom_around(float factor, ImVec2 point, ImVec2 centre);
    void zoom_by(float factor); // around the view's centre
};

// ImGui's OpenGL backend takes the GL texture name as its ImTextureID (a pointer-sized value).
ImTextureID texture_id(const browser_files::Image& image);

// A window over the app's work area, dark, its text light (ui::begin_dark_surface), that the wheel
// does not scroll (the wheel zooms). end_full_view() after its content.
void begin_full_view(const char* id);
void end_full_view();

// 縮小 / 拡大 / 全体 on the current line (the files layer's language).
void draw_zoom_buttons(ImageZoom& zoom);

// The image in the rest of the window, at the cursor: fitted, then zoomed and panned by `zoom`,
// which the wheel, a pinch and a drag over it change.
void draw_zoomable_image(ImageZoom& zoom, const browser_files::Image& image, const std::string& name);

} // namespace mimamori::web::files
