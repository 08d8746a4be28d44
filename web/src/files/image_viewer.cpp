#include "files/image_viewer.hpp"

#include <algorithm>
#include <cstdint>

#include "files/files_text.hpp"
#include "imgui_internal.h" // ImRect
#include "platform/runtime.hpp"
#include "test_hook/test_hook.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web::files {
namespace {
constexpr float k_min_zoom = 0.25f;
constexpr float k_max_zoom = 16.0f;
} // namespace

void ImageZoom::zoom_around(float factor, ImVec2 point, ImVec2 centre) {
    const float before = zoom;
    zoom = std::clamp(zoom * factor, k_min_zoom, k_max_zoom);
    const float k = zoom / before;
    const ImVec2 image_centre(centre.x + pan.x, centre.y + pan.y);
    pan.x += (point.x - image_centre.x) * (1 - k);
    pan.y += (point.y - image_centre.y) * (1 - k);
}

void ImageZoom::zoom_by(float factor) {
    // Around the view's centre: the pan scales with the image.
    const float before = zoom;
    zoom = std::clamp(zoom * factor, k_min_zoom, k_max_zoom);
    pan.x *= zoom / before;
    pan.y *= zoom / before;
}

ImTextureID texture_id(const browser_files::Image& image) {
    return reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(image.texture));
}

void begin_full_view(const char* id) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::SetNextWindowFocus();
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ui::color::kViewer);
    ImGui::Begin(id, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleColor(); // taken by Begin
    // The name and any message: ui::text & co. pick their own colours, the light ones here.
    ui::begin_dark_surface();
    ImGui::PushStyleColor(ImGuiCol_Text, ui::color::kOnViewerText); // raw ImGui text, if any
}

void end_full_view() {
    ImGui::PopStyleColor();
    ui::end_dark_surface();
    ImGui::End();
}

void draw_zoom_buttons(ImageZoom& zoom) {
    if (ui::secondary_button(tr(T::ZoomOut), "viewer-zoom-out")) zoom.zoom_by(0.8f);
    ImGui::SameLine();
    if (ui::secondary_button(tr(T::ZoomIn), "viewer-zoom-in")) zoom.zoom_by(1.25f);
    ImGui::SameLine();
    if (ui::secondary_button(tr(T::Fit), "viewer-fit")) zoom = ImageZoom{};
}

void draw_zoomable_image(ImageZoom& zoom, const browser_files::Image& image, const std::string& name) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 size = ImGui::GetContentRegionAvail();
    if (image.texture == 0 || image.width <= 0 || image.height <= 0 || size.x <= 0 || size.y <= 0) return;
    const float fit = std::min(size.x / static_cast<float>(image.width), size.y / static_cast<float>(image.height));
    ImGui::InvisibleButton("image-area", size);
    // A finger dragged on the image pans it (instead of scrolling the screen); two fingers zoom.
    runtime::keep_touch_drags(origin.x, origin.y, origin.x + size.x, origin.y + size.y);
    const ImGuiIO& io = ImGui::GetIO();
    const ImVec2 centre(origin.x + size.x / 2, origin.y + size.y / 2);
    const ImRect area(origin, ImVec2(origin.x + size.x, origin.y + size.y));
    if (ImGui::IsItemHovered() && io.MouseWheel != 0) zoom.zoom_around(io.MouseWheel > 0 ? 1.25f : 0.8f, io.MousePos, centre);
    const runtime::Pinch& pinch = runtime::pinch();
    if (pinch.active && area.Contains(ImVec2(pinch.x, pinch.y))) {
        // The midpoint between the fingers carries the image with it, and the spread zooms there.
        zoom.pan.x += pinch.dx;
        zoom.pan.y += pinch.dy;
        if (pinch.scale != 1.0f) zoom.zoom_around(pinch.scale, ImVec2(pinch.x, pinch.y), centre);
    } else if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0)) {
        zoom.pan.x += io.MouseDelta.x;
        zoom.pan.y += io.MouseDelta.y;
    }
    const float scale = fit * zoom.zoom;
    const ImVec2 shown(static_cast<float>(image.width) * scale, static_cast<float>(image.height) * scale);
    const ImVec2 a(origin.x + (size.x - shown.x) / 2 + zoom.pan.x, origin.y + (size.y - shown.y) / 2 + zoom.pan.y);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(area.Min, area.Max, true);
    dl->AddImage(texture_id(image), a, ImVec2(a.x + shown.x, a.y + shown.y));
    dl->PopClipRect();
    test_hook::describe_last_item(test_hook::Kind::Image,
                                  std::to_string(image.original_width) + "x" + std::to_string(image.original_height) +
                                      " zoom " + std::to_string(static_cast<int>(zoom.zoom * 100)) + "%",
                                  "view " + name);
}

} // namespace mimamori::web::files
