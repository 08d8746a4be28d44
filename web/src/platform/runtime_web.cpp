// The browser runtime (see runtime.hpp). The page side lives in web/js/pre.js; the functions
// exported here are what it calls.

#include "platform/runtime.hpp"

#include <algorithm>
#include <cfloat>
#include <climits>
#include <cmath>
#include <cstdint>
#include <exception>
#include <string>
#include <vector>

#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "imgui_internal.h"

#include "mimamori/common/json.hpp"
#include "platform/error_report.hpp"
#include "platform/frames.hpp"
#include "platform/js_bridge.hpp"
#include "platform/main_queue.hpp"
#include "test_hook/test_hook.hpp"

namespace mimamori::web {
namespace {

// After input ImGui needs a few frames to settle what it shows (hover after a click, the item
// activated by a press, a popup's first layout).
constexpr int kFramesAfterInput = 3;
// The most rasterised pixels per CSS pixel: a 7,000-glyph atlas at a pixel ratio of 3 would not
// fit a 4096 texture; such screens get fonts rasterised at 2x and scaled.
constexpr float kMaxRasterScale = 2.0f;

struct Runtime {
    runtime::FrameClient* client = nullptr;
    GLFWwindow* window = nullptr;
    int width = 1;  // canvas backing store, device pixels
    int height = 1;
    float pixel_ratio = 1.0f;  // devicePixelRatio
    float raster_scale = 0.0f; // pixels per CSS pixel the fonts were rasterised for
    bool rebuild_fonts = true;
    bool in_frame = false;
    double last_frame_ms = 0.0;
    double frame_count = 0.0;
    int extra_frames = 0;
    bool interactive = false;
    double last_input_ms = 0.0; // emscripten_get_now() of the person's last key, pointer or text
    int max_texture_size = 4096;
    bool mac = false; // Cmd instead of Ctrl for shortcuts
    ImGuiPlatformImeData ime{};      // as ImGui last reported it
    ImGuiPlatformImeData ime_sent{}; // as last sent to the page
    bool ime_ever_sent = false;
    int cursor = INT_MIN;
    std::string clipboard; // what ImGui last copied
    std::string pasted;    // what the page's last paste event carried
    std::string json_out;  // the test hook's answers, alive until the next call
    // A finger on the screen: a vertical drag scrolls instead of pressing (ImGui has no touch
    // scrolling of its own), unless it starts in a drawing area.
    struct {
        bool down = false;
        bool scrolling = false;
        bool drawing = false;
        float start_y = 0.0f;
        float last_y = 0.0f;
        bool pinched = false; // a second finger came: no scrolling and no click until the next press
    } touch;
    // Two fingers (mimamori_web_pinch): what they did since the last frame, and in this frame.
    runtime::Pinch pinch;
    runtime::Pinch frame_pinch;
    // Pointer positions since the last frame, and those of the frame being drawn.
    std::vector<runtime::PointerSample> samples;
    std::vector<runtime::PointerSample> frame_samples;
    bool pointer_down = false;
    runtime::PointerSample last_sample;
    // Drawing areas (keep_touch_drags) of the last frame, and those of the frame being drawn.
    std::vector<ImRect> drawing_areas;
    std::vector<ImRect> next_drawing_areas;
};

// Samples kept per frame: far more than a finger makes at 60 frames a second, a bound for a
// pointer flood while frames stall.
constexpr std::size_t kMaxSamplesPerFrame = 1024;

Runtime rt;

// Something reached ImGui that needs frames to show; `from_person` when someone touched a key,
// the pointer or the text field (what keeps a kiosk session from locking).
void input_arrived(bool from_person = true) {
    if (from_person) rt.last_input_ms = emscripten_get_now();
    rt.extra_frames = kFramesAfterInput;
    frames::request();
}

void rebuild_fonts() {
    rt.rebuild_fonts = false;
    ImGuiIO& io = ImGui::GetIO();
    float scale = std::min(rt.pixel_ratio, kMaxRasterScale);
    for (;;) {
        io.Fonts->Clear();
        rt.client->build_fonts(*io.Fonts, scale);
        io.Fonts->Build();
        const bool fits = io.Fonts->TexWidth <= rt.max_texture_size && io.Fonts->TexHeight <= rt.max_texture_size;
        if (fits || scale <= 1.0f) break;
        scale = std::max(1.0f, scale * 0.75f); // a small GPU: softer text rather than none
    }
    rt.raster_scale = scale;
    io.FontGlobalScale = rt.pixel_ratio / scale;
    rt.client->apply_style(rt.pixel_ratio);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    io.Fonts->ClearTexData(); // the pixels live on the GPU now; tens of MB back to the heap
}

// ImGui's text cursor blinks (visible 0.8 s, hidden 0.4 s): while a field is active, draw again
// exactly when it changes, rather than every animation frame.
void schedule_cursor_blink() {
    const ImGuiContext& g = *GImGui;
    if (!g.IO.ConfigInputTextCursorBlink || g.ActiveId == 0 || g.InputTextState.ID != g.ActiveId) return;
    const float anim = g.InputTextState.CursorAnim;
    double next = 0.0;
    if (anim <= 0.0f) {
        next = -anim + 0.01;
    } else {
        const float phase = std::fmod(anim, 1.2f);
        next = (phase <= 0.8f ? 0.8f - phase : 1.2f - phase) + 0.01f;
    }
    frames::request_in(next);
}

void sync_ime() {
    const ImGuiPlatformImeData& d = rt.ime;
    const ImGuiPlatformImeData& s = rt.ime_sent;
    if (rt.ime_ever_sent && d.WantVisible == s.WantVisible && d.InputPos.x == s.InputPos.x &&
        d.InputPos.y == s.InputPos.y && d.InputLineHeight == s.InputLineHeight) {
        return;
    }
    rt.ime_sent = d;
    rt.ime_ever_sent = true;
    mimamori_js_update_ime(d.WantVisible ? 1 : 0, d.InputPos.x, d.InputPos.y, d.InputLineHeight);
}

void after_frame() {
    const ImGuiContext& g = *GImGui;
    // ImGui trickles several input events of one frame over the following frames.
    if (!g.InputEventsQueue.empty()) {
        frames::request();
    } else if (rt.extra_frames > 0) {
        --rt.extra_frames;
        frames::request();
    }
    schedule_cursor_blink();
    sync_ime();
    const int cursor = g.IO.MouseDrawCursor ? ImGuiMouseCursor_None : ImGui::GetMouseCursor();
    if (cursor != rt.cursor) {
        rt.cursor = cursor;
        mimamori_js_set_cursor(cursor);
    }
    if (!rt.interactive && rt.client->interactive()) {
        rt.interactive = true;
        mimamori_js_first_interactive();
    }
}

void run_frame(double now_ms) {
    if (rt.client == nullptr || rt.in_frame) return;
    rt.in_frame = true;
    try {
        // New content settles: a scrollbar that appears narrows the text, which wraps again.
        if (main_queue::drain() > 0) rt.extra_frames = std::max(rt.extra_frames, 2);
    } catch (const std::exception& e) {
        report_client_error(e.what(), "main queue");
    }
    if (rt.rebuild_fonts) rebuild_fonts();
    rt.frame_samples.swap(rt.samples);
    rt.samples.clear();
    rt.frame_pinch = rt.pinch;
    rt.pinch.scale = 1.0f;
    rt.pinch.dx = rt.pinch.dy = 0.0f;
    rt.next_drawing_areas.clear();

    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(rt.width), static_cast<float>(rt.height));
    io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
    // Two frames in one task, or headless Chromium's --virtual-time-budget, give the same time
    // twice; ImGui asserts that time moves forward.
    const double dt = rt.last_frame_ms > 0.0 ? (now_ms - rt.last_frame_ms) / 1000.0 : 1.0 / 60.0;
    io.DeltaTime = static_cast<float>(std::max(dt, 1.0e-4));
    rt.last_frame_ms = now_ms;

    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    test_hook::begin_frame();
    try {
        rt.client->draw();
    } catch (const std::exception& e) {
        // The frame is lost, the app is not: close what the draw code left open and go on.
        ImGui::ErrorCheckEndFrameRecover(nullptr);
        report_client_error(e.what(), "frame");
    }
    ImGui::Render();
    test_hook::end_frame();
    rt.drawing_areas.swap(rt.next_drawing_areas);

    glViewport(0, 0, rt.width, rt.height);
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    rt.frame_count += 1.0;

    after_frame();
    rt.in_frame = false;
}

// Keys come from emscripten's GLFW (mapped by ImGui's backend); each one needs a frame.
void on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
    ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
    input_arrived();
}

void set_ime_data(ImGuiViewport*, ImGuiPlatformImeData* data) { rt.ime = *data; }

void set_clipboard(void*, const char* text) {
    rt.clipboard = text != nullptr ? text : "";
    mimamori_js_write_clipboard(rt.clipboard.c_str());
}

// Pasting takes one path, the page's paste event (pre.js, mimamori_web_paste): ImGui's
// clipboard holds what that event carried.
const char* get_clipboard(void*) { return rt.pasted.c_str(); }

} // namespace

namespace frames {
void request() { mimamori_js_request_frame(); }
void request_in(double seconds) { mimamori_js_set_timer(std::max(0.0, seconds) * 1000.0); }
} // namespace frames

void report_client_error(std::string_view message, std::string_view where) {
    const std::string m(message);
    const std::string w(where);
    mimamori_js_report_error(m.c_str(), w.c_str());
}

void fail(std::string_view message, std::string_view where) {
    report_client_error(message, where);
    mimamori_js_show_failure();
}

namespace runtime {

void request_settle_frames() { input_arrived(false); }

double seconds_since_input() { return (emscripten_get_now() - rt.last_input_ms) / 1000.0; }

void request_font_rebuild() {
    rt.rebuild_fonts = true;
    frames::request();
}

std::span<const PointerSample> pointer_samples() { return rt.frame_samples; }

const Pinch& pinch() { return rt.frame_pinch; }

void keep_touch_drags(float min_x, float min_y, float max_x, float max_y) {
    rt.next_drawing_areas.emplace_back(ImVec2(min_x, min_y), ImVec2(max_x, max_y));
}

void start(FrameClient& client) {
    rt.client = &client;
    rt.last_input_ms = emscripten_get_now();
    if (glfwInit() != GLFW_TRUE) {
        fail("glfwInit failed", "start");
        return;
    }
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_DEPTH_BITS, 0);
    glfwWindowHint(GLFW_STENCIL_BITS, 0);
    glfwWindowHint(GLFW_ALPHA_BITS, 0);
    rt.window = glfwCreateWindow(rt.width, rt.height, "Mimamori", nullptr, nullptr);
    if (rt.window == nullptr) {
        fail("WebGL2 is not available", "start");
        return;
    }
    glfwMakeContextCurrent(rt.window);
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &rt.max_texture_size);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // nothing about the layout is kept between visits
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.ConfigMacOSXBehaviors = rt.mac;
    // Only keys are installed from GLFW (see pre.js for why pointers and text are not).
    ImGui_ImplGlfw_InitForOpenGL(rt.window, false);
    glfwSetKeyCallback(rt.window, on_key);
    // The backend also listens to the wheel on the whole document, where Chrome makes listeners
    // passive and logs an error for each preventDefault: pre.js handles the wheel on the canvas.
    emscripten_set_wheel_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, false, nullptr);
    io.BackendFlags &= ~ImGuiBackendFlags_HasSetMousePos;
    io.SetClipboardTextFn = set_clipboard;
    io.GetClipboardTextFn = get_clipboard;
    io.SetPlatformImeDataFn = set_ime_data;
    ImGui_ImplOpenGL3_Init("#version 300 es");
    ImGui_ImplOpenGL3_CreateDeviceObjects();
    test_hook::install();
    mimamori_js_runtime_ready();
}

} // namespace runtime
} // namespace mimamori::web

// --- Called by web/js/pre.js ----------------------------------------------------------------
using mimamori::web::rt;

extern "C" {

EMSCRIPTEN_KEEPALIVE void mimamori_web_frame(double now_ms) { mimamori::web::run_frame(now_ms); }

// Before main(): whether the page runs on a Mac (shortcuts with Cmd).
EMSCRIPTEN_KEEPALIVE void mimamori_web_set_mac(int mac) { rt.mac = mac != 0; }

// The canvas backing store changed (window resize, zoom, another screen). Drawn at once: a
// resized canvas is blank until the next frame.
EMSCRIPTEN_KEEPALIVE void mimamori_web_resize(int width, int height, double pixel_ratio) {
    rt.width = std::max(1, width);
    rt.height = std::max(1, height);
    const auto ratio = static_cast<float>(pixel_ratio > 0.0 ? pixel_ratio : 1.0);
    if (ratio != rt.pixel_ratio) {
        rt.pixel_ratio = ratio;
        rt.rebuild_fonts = true;
    }
    if (rt.client != nullptr && ImGui::GetCurrentContext() != nullptr) mimamori::web::run_frame(emscripten_get_now());
}

namespace mimamori::web {
namespace {

// Keeps the pointer's path for pointer_samples(): the button state follows the DOM's events.
void record_sample(int action, int button, float x, float y) {
    if (action == 3) { // left the canvas or cancelled (a finger taken over by the system): lifted there
        if (rt.pointer_down) rt.samples.push_back({rt.last_sample.x, rt.last_sample.y, false});
        rt.pointer_down = false;
        return;
    }
    if ((action == 1 || action == 2) && button == 0) rt.pointer_down = action == 1;
    rt.last_sample = {x, y, rt.pointer_down};
    if (rt.samples.size() < kMaxSamplesPerFrame) rt.samples.push_back(rt.last_sample);
}

// Turns a vertical finger drag into wheel scrolling: past a small threshold the press is
// cancelled (the button under the finger is not clicked) and the movement scrolls the window
// under the finger, one wheel notch per 5 em like ImGui's wheel. A drag in an active text field
// selects text instead, and one that starts in a drawing area (a signature pad) draws.
void touch_drag(int action, float x, float y) {
    ImGuiContext& g = *GImGui;
    ImGuiIO& io = g.IO;
    auto& t = rt.touch;
    if (action == 1) {
        const bool drawing = std::any_of(rt.drawing_areas.begin(), rt.drawing_areas.end(),
                                         [&](const ImRect& r) { return r.Contains(ImVec2(x, y)); });
        t = {true, false, drawing, y, y};
        return;
    }
    if (action != 0 || !t.down || t.drawing || t.pinched) {
        if (action != 0) t.down = false;
        return;
    }
    const float font_size = io.Fonts->Fonts.empty() ? 16.0f : io.Fonts->Fonts[0]->FontSize * io.FontGlobalScale;
    const bool editing_text = g.ActiveId != 0 && g.ActiveId == g.InputTextState.ID;
    if (!t.scrolling && !editing_text && std::fabs(y - t.start_y) > 0.5f * font_size) {
        t.scrolling = true;
        ImGui::ClearActiveID();
        io.AddMouseButtonEvent(ImGuiMouseButton_Left, false);
    }
    if (t.scrolling) {
        io.AddMouseWheelEvent(0.0f, (y - t.last_y) / (5.0f * font_size));
        t.last_y = y;
    }
}

} // namespace
} // namespace mimamori::web

// action: 0 move, 1 down, 2 up, 3 leave; source: 0 mouse, 1 touch, 2 pen; button: DOM's
// (0 left, 1 middle, 2 right); x, y in canvas pixels.
EMSCRIPTEN_KEEPALIVE void mimamori_web_pointer(int action, int source, int button, double x, double y) {
    if (ImGui::GetCurrentContext() == nullptr) return;
    ImGuiIO& io = ImGui::GetIO();
    const ImGuiMouseSource src = source == 1   ? ImGuiMouseSource_TouchScreen
                                 : source == 2 ? ImGuiMouseSource_Pen
                                               : ImGuiMouseSource_Mouse;
    io.AddMouseSourceEvent(src);
    if (action == 3) {
        io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
    } else {
        io.AddMousePosEvent(static_cast<float>(x), static_cast<float>(y));
    }
    // A finger's press turned into a scroll or a pinch is not a click when lifted (a mouse or pen
    // on the same screen is not concerned by what the last finger did).
    const bool was_scrolling = src == ImGuiMouseSource_TouchScreen && (rt.touch.scrolling || rt.touch.pinched);
    mimamori::web::record_sample(action, button, static_cast<float>(x), static_cast<float>(y));
    if (src == ImGuiMouseSource_TouchScreen) mimamori::web::touch_drag(action, static_cast<float>(x), static_cast<float>(y));
    if ((action == 1 || action == 2) && !(action == 2 && was_scrolling)) {
        const int imgui_button = button == 1 ? ImGuiMouseButton_Middle : button == 2 ? ImGuiMouseButton_Right : button;
        if (imgui_button >= 0 && imgui_button < ImGuiMouseButton_COUNT) io.AddMouseButtonEvent(imgui_button, action == 1);
    }
    if (action == 2 && src == ImGuiMouseSource_TouchScreen) {
        // A lifted finger hovers nothing (ImGui applies this a frame after the release).
        io.AddMouseSourceEvent(src);
        io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
    }
    mimamori::web::input_arrived();
    // Inside the user gesture: the IME field gets focus now if this press activated a text field.
    if (action == 1 || action == 2) mimamori::web::run_frame(emscripten_get_now());
}

// Two fingers on the canvas (pre.js): phase 0 the second finger came down, 1 they moved (`scale`:
// their distance now over their distance at the last call), 2 one of them was lifted; x, y their
// midpoint in canvas pixels. The first finger's press is cancelled as a scroll's is: a pinch
// never clicks what is under it.
EMSCRIPTEN_KEEPALIVE void mimamori_web_pinch(int phase, double x, double y, double scale) {
    if (ImGui::GetCurrentContext() == nullptr) return;
    auto& p = rt.pinch;
    const float fx = static_cast<float>(x);
    const float fy = static_cast<float>(y);
    if (phase == 0) {
        if (!rt.touch.pinched && !rt.touch.scrolling) {
            ImGui::ClearActiveID();
            ImGui::GetIO().AddMouseButtonEvent(ImGuiMouseButton_Left, false);
        }
        rt.touch.pinched = true;
        p.active = true;
    } else if (phase == 1 && p.active && scale > 0.0 && std::isfinite(scale)) {
        p.scale *= static_cast<float>(scale);
        p.dx += fx - p.x;
        p.dy += fy - p.y;
    } else if (phase == 2) {
        p.active = false;
    }
    p.x = fx;
    p.y = fy;
    mimamori::web::input_arrived();
}

// Wheel notches (positive: up / left), already scaled by pre.js.
EMSCRIPTEN_KEEPALIVE void mimamori_web_wheel(double dx, double dy) {
    if (ImGui::GetCurrentContext() == nullptr) return;
    ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(dx), static_cast<float>(dy));
    mimamori::web::input_arrived();
}

EMSCRIPTEN_KEEPALIVE void mimamori_web_text(const char* utf8) {
    if (ImGui::GetCurrentContext() == nullptr) return;
    ImGui::GetIO().AddInputCharactersUTF8(utf8);
    mimamori::web::input_arrived();
}

// The page's paste event: the text becomes ImGui's clipboard and ImGui gets the Ctrl+V that
// pastes it (the real key never reaches ImGui, see pre.js).
EMSCRIPTEN_KEEPALIVE void mimamori_web_paste(const char* utf8) {
    if (ImGui::GetCurrentContext() == nullptr) return;
    rt.pasted = utf8 != nullptr ? utf8 : "";
    ImGuiIO& io = ImGui::GetIO();
    const ImGuiKey shortcut = rt.mac ? ImGuiMod_Super : ImGuiMod_Ctrl;
    io.AddKeyEvent(shortcut, true);
    io.AddKeyEvent(ImGuiKey_V, true);
    io.AddKeyEvent(ImGuiKey_V, false);
    io.AddKeyEvent(shortcut, false);
    mimamori::web::input_arrived();
}

// Backspace from an on-screen keyboard, which sends no usable key code.
EMSCRIPTEN_KEEPALIVE void mimamori_web_backspace() {
    if (ImGui::GetCurrentContext() == nullptr) return;
    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(ImGuiKey_Backspace, true);
    io.AddKeyEvent(ImGuiKey_Backspace, false);
    mimamori::web::input_arrived();
}

EMSCRIPTEN_KEEPALIVE void mimamori_web_focus(int focused) {
    if (ImGui::GetCurrentContext() == nullptr) return;
    ImGui::GetIO().AddFocusEvent(focused != 0);
    mimamori::web::input_arrived(false);
}

EMSCRIPTEN_KEEPALIVE double mimamori_web_frame_count() { return rt.frame_count; }

EMSCRIPTEN_KEEPALIVE const char* mimamori_web_widgets() {
    rt.json_out = mimamori::web::test_hook::widgets_json();
    return rt.json_out.c_str();
}

// What the HiDPI test checks: the scale the fonts were rasterised at and the glyph size.
EMSCRIPTEN_KEEPALIVE const char* mimamori_web_metrics() {
    const ImGuiIO& io = ImGui::GetIO();
    const ImFont* font = io.Fonts->Fonts.empty() ? nullptr : io.Fonts->Fonts[0];
    mimamori::Json m = {
        {"pixelRatio", rt.pixel_ratio},
        {"rasterScale", rt.raster_scale},
        {"fontPixels", font != nullptr ? font->FontSize : 0.0f},
        {"fontGlyphs", font != nullptr ? font->Glyphs.Size : 0},
        {"missingGlyphs", font != nullptr ? mimamori::web::test_hook::missing_glyphs(
                                                *font, *io.Fonts->Fonts[io.Fonts->Fonts.Size > 1 ? 1 : 0])
                                          : -1},
        {"atlasWidth", io.Fonts->TexWidth},
        {"atlasHeight", io.Fonts->TexHeight},
        {"displayWidth", io.DisplaySize.x},
        {"displayHeight", io.DisplaySize.y},
    };
    rt.json_out = mimamori::json::dump(m);
    return rt.json_out.c_str();
}

} // extern "C"
