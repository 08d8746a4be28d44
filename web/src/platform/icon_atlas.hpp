#pragma once
// Small pictures drawn from SVG files of the bundle (the profession icons): the browser
// rasterises them at the size they are shown, in device pixels, into one texture, a row of
// square cells in the order the files were asked for. Loading is asynchronous; until the
// texture is there (or when a file did not load) ready() is false and callers draw a fallback.

#include <string>
#include <vector>

#include "imgui.h"

namespace mimamori::web::icon_atlas {

// Asks for `urls` (relative to the page) at `cell_px` device pixels per icon. Asking again for
// another size replaces the texture once the new one is ready; the same size again does nothing.
void request(const std::vector<std::string>& urls, int cell_px);
bool ready();
int cell_px(); // the size asked for last (0 before any)
ImTextureID texture();
// The texture coordinates of cell `index`.
ImVec2 uv0(int index);
ImVec2 uv1(int index);

} // namespace mimamori::web::icon_atlas
