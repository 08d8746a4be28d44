#pragma once
// The runtime drives the app in the browser: it creates the WebGL2 context and the ImGui context,
// feeds ImGui the input, sizes everything for the screen's pixel ratio and runs a frame whenever
// one was requested (frames.hpp) — never while idle.
//
// ImGui works in device pixels: the canvas backing store is its CSS size times
// devicePixelRatio, fonts are rasterised at that scale and the style is scaled with them, so
// text is sharp on every screen. Code that lays out in em units (ImGui::GetFontSize()) needs to
// know nothing about it.

#include <span>

struct ImFontAtlas;

namespace mimamori::web::runtime {

// What the runtime drives: the app.
class FrameClient {
public:
    virtual ~FrameClient() = default;

    // Adds the fonts to `atlas` (cleared before) rasterised for `px_per_css_px` device pixels per
    // CSS pixel. Called before the first frame, when the pixel ratio changes and after
    // request_font_rebuild(); never inside a frame.
    virtual void build_fonts(ImFontAtlas& atlas, float px_per_css_px) = 0;

    // Sets ImGui's style for `px_per_css_px` (the same moments as build_fonts).
    virtual void apply_style(float px_per_css_px) = 0;

    // Draws one frame (between ImGui::NewFrame and ImGui::Render).
    virtual void draw() = 0;

    // True once the first screen is usable: its font is loaded and its content shown. The first
    // frame drawn in that state is marked for the benchmark (window.mimamori.firstInteractiveMs).
    virtual bool interactive() const = 0;
};

// Sets everything up and returns; frames follow on demand. `client` must outlive the page.
void start(FrameClient& client);

// Seconds since the person last pressed a key, moved or pressed the pointer, scrolled or typed
// (since start when they have not): what a kiosk's automatic lock counts.
double seconds_since_input();

// Draws a few more frames, as after input: what a new screen lays out in its first frame (a
// scrollbar, text wrapped at the new width) settles in the frames after it.
void request_settle_frames();

// Rebuilds the fonts before the next frame (e.g. once the font file has arrived).
void request_font_rebuild();

// A position the pointer passed through (ImGui's coordinates, device pixels), and whether the
// primary button, finger or pen was down there.
struct PointerSample {
    float x = 0.0f;
    float y = 0.0f;
    bool down = false;
};

// Every pointer position that arrived for this frame, in order. ImGui sees only the last one of a
// frame, but a fast stroke brings several (and the browser's coalesced events more): drawing a
// signature needs them all.
std::span<const PointerSample> pointer_samples();

// Two fingers on a touch screen, for this frame: `active` while both are down; `scale` how much
// they spread apart (> 1) or closed (< 1) since the last frame; (x, y) their midpoint now and
// (dx, dy) how far it moved since the last frame (ImGui's coordinates). A pinch never presses or
// scrolls what is under the fingers; what zooms is up to the screen (the image view).
struct Pinch {
    bool active = false;
    float scale = 1.0f;
    float x = 0.0f;
    float y = 0.0f;
    float dx = 0.0f;
    float dy = 0.0f;
};
const Pinch& pinch();

// A finger drag that starts inside this rectangle (ImGui's coordinates, this frame) draws there
// instead of scrolling the screen. Call it in every frame the drawing area is shown.
void keep_touch_drags(float min_x, float min_y, float max_x, float max_y);

} // namespace mimamori::web::runtime
