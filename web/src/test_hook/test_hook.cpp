#include "test_hook/test_hook.hpp"

#include <cstdarg>
#include <string>
#include <utility>
#include <vector>

#include "imgui.h"
#include "imgui_internal.h"

#include "mimamori/common/json.hpp"

namespace mimamori::web::test_hook {
namespace {

struct Widget {
    ImGuiID id = 0;
    ImRect rect;
    ImRect visible; // what of its window is on screen (a scrolled screen: below the app's header)
    std::string key;   // the label as given to ImGui, "##id" suffix included
    std::string label; // what the user reads
    Kind kind = Kind::Item;
    bool described = false;
    bool enabled = true;
    ImGuiItemStatusFlags status = 0;
    std::string value;
    bool active = false;
    const ImFont* font = nullptr; // what drew a described item (a name heading is in the body font)
};

std::vector<Widget> g_frame; // being collected
std::vector<Widget> g_shown; // the last complete frame
bool g_in_frame = false;

Widget* find_last(std::vector<Widget>& list, ImGuiID id) {
    for (auto it = list.rbegin(); it != list.rend(); ++it) {
        if (it->id == id) return &*it;
    }
    return nullptr;
}

// ImGui hides what follows "##" (and takes the id from what follows "###").
std::string visible_part(std::string_view key) {
    const auto hidden = key.find("##");
    return std::string(key.substr(0, hidden));
}

const char* kind_name(Kind kind) {
    switch (kind) {
    case Kind::Button: return "button";
    case Kind::Link: return "link";
    case Kind::Input: return "input";
    case Kind::Text: return "text";
    case Kind::Heading: return "heading";
    case Kind::Checkbox: return "checkbox";
    case Kind::Radio: return "radio";
    case Kind::Combo: return "combo";
    case Kind::Tab: return "tab";
    case Kind::Window: return "window";
    case Kind::Image: return "image";
    case Kind::Item: break;
    }
    return "item";
}

// What an undescribed item is, from the status flags the test-engine build of ImGui reports.
Kind infer_kind(const Widget& w) {
    if (ImGui::FindWindowByID(w.id) != nullptr) return Kind::Window;
    if (w.status & ImGuiItemStatusFlags_Checkable) return Kind::Checkbox;
    if (w.status & ImGuiItemStatusFlags_Inputable) return Kind::Input;
    return Kind::Item;
}

} // namespace

void install() { GImGui->TestEngineHookItems = true; }

void begin_frame() {
    g_frame.clear();
    g_in_frame = true;
}

void end_frame() {
    const ImGuiContext& g = *GImGui;
    for (Widget& w : g_frame) {
        if (!w.described) w.kind = infer_kind(w);
        if (w.kind == Kind::Checkbox && w.value.empty()) {
            w.value = (w.status & ImGuiItemStatusFlags_Checked) ? "true" : "false";
        }
        w.active = w.id != 0 && w.id == g.ActiveId;
    }
    g_shown.swap(g_frame);
    g_frame.clear();
    g_in_frame = false;
}

void describe_last_item(Kind kind, std::string_view value, std::string_view label) {
    if (!g_in_frame) return;
    const ImGuiLastItemData& last = GImGui->LastItemData;
    Widget* w = last.ID != 0 ? find_last(g_frame, last.ID) : nullptr;
    if (w == nullptr) {
        if (last.ID != 0) return; // clipped: the hooks did not record it, so it is not on screen
        const ImGuiWindow* window = GImGui->CurrentWindow;
        if (window != nullptr && !last.Rect.Overlaps(window->ClipRect)) return;
        g_frame.push_back(Widget{});
        w = &g_frame.back();
        w->rect = last.Rect;
        if (window != nullptr) w->visible = window->InnerClipRect;
        w->enabled = !(last.InFlags & ImGuiItemFlags_Disabled);
        w->label = std::string(value);
    }
    w->kind = kind;
    w->described = true;
    w->font = ImGui::GetFont();
    w->value = std::string(value);
    if (!label.empty()) w->label = std::string(label);
}

void describe_item(unsigned int id, Kind kind, std::string_view value, std::string_view label) {
    if (!g_in_frame) return;
    Widget* w = find_last(g_frame, id);
    if (w == nullptr) return;
    w->kind = kind;
    w->described = true;
    w->font = ImGui::GetFont();
    w->value = std::string(value);
    if (!label.empty()) w->label = std::string(label);
}

int missing_glyphs(const ImFont& body, const ImFont& heading) {
    int missing = 0;
    auto count = [&missing](const ImFont& font, const std::string& s) {
        const char* p = s.c_str();
        const char* end = p + s.size();
        while (p < end) {
            unsigned int c = 0;
            p += ImTextCharFromUtf8(&c, p, end);
            if (c >= 0x20 && font.FindGlyphNoFallback(static_cast<ImWchar>(c)) == nullptr) ++missing;
        }
    };
    for (const Widget& w : g_shown) {
        const ImFont& font = w.font != nullptr ? *w.font : w.kind == Kind::Heading ? heading : body;
        count(font, w.label);
        count(font, w.value);
    }
    return missing;
}

std::string widgets_json() {
    Json list = Json::array();
    for (const Widget& w : g_shown) {
        list.push_back({
            {"label", w.label},
            {"id", w.key},
            {"kind", kind_name(w.kind)},
            {"x", w.rect.Min.x},
            {"y", w.rect.Min.y},
            {"w", w.rect.GetWidth()},
            {"h", w.rect.GetHeight()},
            {"vx", w.visible.Min.x},
            {"vy", w.visible.Min.y},
            {"vw", w.visible.GetWidth()},
            {"vh", w.visible.GetHeight()},
            {"enabled", w.enabled},
            {"value", w.value},
            {"active", w.active},
        });
    }
    return json::dump(list);
}

} // namespace mimamori::web::test_hook

// --- ImGui's test-engine hooks (declared in imgui_internal.h, called for every item) ---------
using mimamori::web::test_hook::g_frame;
using mimamori::web::test_hook::g_in_frame;

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, ImGuiID id, const ImRect& bb, const ImGuiLastItemData* item) {
    if (!g_in_frame) return;
    // Items outside their window's visible area (scrolled away, clipped) are not on screen.
    const ImGuiWindow* window = ctx->CurrentWindow;
    if (window != nullptr && !bb.Overlaps(window->ClipRect)) return;
    mimamori::web::test_hook::Widget w;
    w.id = id;
    w.rect = bb;
    if (window != nullptr) w.visible = window->InnerClipRect;
    w.enabled = !((item != nullptr ? item->InFlags : ctx->CurrentItemFlags) & ImGuiItemFlags_Disabled);
    g_frame.push_back(std::move(w));
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext*, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
    if (!g_in_frame) return;
    mimamori::web::test_hook::Widget* w = mimamori::web::test_hook::find_last(g_frame, id);
    if (w == nullptr) return;
    w->key = label != nullptr ? label : "";
    if (w->label.empty()) w->label = mimamori::web::test_hook::visible_part(w->key);
    w->status = flags;
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID id) {
    for (auto* list : {&mimamori::web::test_hook::g_shown, &g_frame}) {
        if (auto* w = mimamori::web::test_hook::find_last(*list, id)) return w->key.c_str();
    }
    return nullptr;
}
