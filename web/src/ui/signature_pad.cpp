#include "ui/signature_pad.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "i18n/i18n.hpp"
#include "imgui_internal.h" // ImRect
#include "platform/runtime.hpp"
#include "test_hook/test_hook.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web::ui {
namespace {
using i18n::Msg;

constexpr float kAspect = 3.0f;            // width : height, a line to sign on
constexpr float kMinStep = 0.002f;         // of the width: closer samples add nothing visible
constexpr float kOutside = 0.25f;          // a stroke may leave the pad by this much (consent.hpp allows it)
constexpr ImU32 kInk = color::rgb(0x1A237E); // dark blue ink, as signatures are on paper
constexpr ImU32 kGuide = color::rgb(0xB8C4C9);

float length(const ImVec2& a, const ImVec2& b) { return std::hypot(a.x - b.x, a.y - b.y); }

} // namespace

void SignaturePad::draw(Lang lang, const char* label, float max_width_em) {
    const float width = std::min(ImGui::GetContentRegionAvail().x, max_width_em * em());
    const ImVec2 size(width, width / kAspect);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    // An item of its own: a press on it is the pad's, not a button's or the window's (mouse); the
    // runtime keeps a finger's drag from scrolling (touch).
    ImGui::InvisibleButton(label, size);
    const bool reachable = ImGui::IsItemActive() || ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
    test_hook::describe_last_item(test_hook::Kind::Image, std::to_string(m_strokes.size()), label);
    runtime::keep_touch_drags(origin.x, origin.y, origin.x + size.x, origin.y + size.y);
    take_samples(origin, width, reachable);
    // Pixels per CSS pixel: the body font is kBodyFontPx CSS pixels (theme.hpp).
    m_width_css = width / (em() / kBodyFontPx);

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 end(origin.x + size.x, origin.y + size.y);
    const float rounding = 0.4f * em();
    dl->AddRectFilled(origin, end, color::kCard, rounding);
    dl->AddRect(origin, end, m_drawing ? color::kPrimary : color::kCardBorder, rounding, 0,
                std::max(1.0f, (m_drawing ? 0.12f : 0.06f) * em()));
    // The line to sign on, with a cross before it as on a paper form.
    const float line_y = origin.y + size.y * 0.75f;
    const float pad = 1.0f * em();
    dl->AddLine(ImVec2(origin.x + pad, line_y), ImVec2(end.x - pad, line_y), kGuide, std::max(1.0f, 0.06f * em()));
    const float c = 0.3f * em();
    const ImVec2 cross(origin.x + pad + c, line_y - 0.6f * em());
    dl->AddLine(ImVec2(cross.x - c, cross.y - c), ImVec2(cross.x + c, cross.y + c), kGuide, std::max(1.0f, 0.08f * em()));
    dl->AddLine(ImVec2(cross.x - c, cross.y + c), ImVec2(cross.x + c, cross.y - c), kGuide, std::max(1.0f, 0.08f * em()));
    if (m_strokes.empty()) {
        const char* hint = i18n::tr(lang, Msg::SignatureHint);
        const ImVec2 text = ImGui::CalcTextSize(hint);
        dl->AddText(ImVec2(origin.x + (size.x - text.x) * 0.5f, origin.y + (line_y - origin.y - text.y) * 0.5f),
                    color::kPending, hint);
    }
    dl->PushClipRect(origin, end, true);
    draw_strokes(origin, width);
    dl->PopClipRect();
    draw_buttons(lang);
}

void SignaturePad::take_samples(const ImVec2& origin, float width, bool reachable) {
    const ImRect pad(origin, ImVec2(origin.x + width, origin.y + width / kAspect));
    const float max_y = 1.0f / kAspect;
    const auto samples = runtime::pointer_samples();
    for (const runtime::PointerSample& s : samples) {
        const ImVec2 at((s.x - origin.x) / width, (s.y - origin.y) / width);
        if (!m_drawing) {
            // A stroke starts where the pointer goes down on the pad, unless something covers it
            // (a dialog) or the pad is full.
            if (!s.down || !reachable || !pad.Contains(ImVec2(s.x, s.y))) continue;
            if (m_strokes.size() >= consent::max_strokes || point_count() >= consent::max_points) continue;
            m_strokes.push_back({at});
            m_undone.clear();
            m_drawing = true;
            continue;
        }
        if (!s.down) {
            m_drawing = false;
            continue;
        }
        Stroke& stroke = m_strokes.back();
        const ImVec2 clamped(std::clamp(at.x, -kOutside, 1.0f + kOutside), std::clamp(at.y, -kOutside, max_y + kOutside));
        if (length(clamped, stroke.back()) >= kMinStep && point_count() < consent::max_points) stroke.push_back(clamped);
    }
    // Released without a last sample (the pointer left): the stroke ends with what it has.
    if (m_drawing && samples.empty() && !ImGui::IsMouseDown(ImGuiMouseButton_Left)) m_drawing = false;
}

void SignaturePad::draw_strokes(const ImVec2& origin, float width) const {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float thickness = std::max(1.5f, 0.14f * em());
    auto screen = [&](const ImVec2& p) { return ImVec2(origin.x + p.x * width, origin.y + p.y * width); };
    for (const Stroke& stroke : m_strokes) {
        const ImVec2 first = screen(stroke.front());
        dl->AddCircleFilled(first, thickness * 0.5f, kInk);
        if (stroke.size() == 1) continue;
        // A smooth curve: quadratic Béziers from midpoint to midpoint, each sample its control
        // point (the curve passes near every sample without the corners of a polyline).
        dl->PathLineTo(first);
        for (std::size_t i = 1; i + 1 < stroke.size(); ++i) {
            const ImVec2 p = screen(stroke[i]);
            const ImVec2 q = screen(stroke[i + 1]);
            dl->PathBezierQuadraticCurveTo(p, ImVec2((p.x + q.x) * 0.5f, (p.y + q.y) * 0.5f));
        }
        const ImVec2 last = screen(stroke.back());
        dl->PathLineTo(last);
        dl->PathStroke(kInk, ImDrawFlags_None, thickness);
        dl->AddCircleFilled(last, thickness * 0.5f, kInk);
    }
}

void SignaturePad::draw_buttons(Lang lang) {
    ui::space(0.25f);
    if (secondary_button(i18n::tr(lang, Msg::SignatureUndo), "signature-undo", !m_strokes.empty() && !m_drawing)) {
        m_undone.push_back(std::move(m_strokes.back()));
        m_strokes.pop_back();
    }
    ImGui::SameLine(0.0f, 0.5f * em());
    if (secondary_button(i18n::tr(lang, Msg::SignatureRedo), "signature-redo", !m_undone.empty() && !m_drawing)) {
        m_strokes.push_back(std::move(m_undone.back()));
        m_undone.pop_back();
    }
    ImGui::SameLine(0.0f, 0.5f * em());
    if (secondary_button(i18n::tr(lang, Msg::SignatureClear), "signature-clear", !m_strokes.empty() && !m_drawing)) clear();
}

std::size_t SignaturePad::point_count() const {
    std::size_t n = 0;
    for (const Stroke& s : m_strokes) n += s.size();
    return n;
}

bool SignaturePad::empty() const {
    return std::none_of(m_strokes.begin(), m_strokes.end(), [](const Stroke& s) { return s.size() >= 2; });
}

consent::Signature SignaturePad::signature() const {
    consent::Signature out;
    const double w = m_width_css > 0.0f ? m_width_css : 1.0;
    out.width = std::round(w);
    out.height = std::round(w / kAspect);
    for (const Stroke& stroke : m_strokes) {
        std::vector<consent::Point> points;
        points.reserve(stroke.size());
        for (const ImVec2& p : stroke) points.push_back({p.x * w, p.y * w});
        out.strokes.push_back(std::move(points));
    }
    return out;
}

void SignaturePad::clear() {
    m_strokes.clear();
    m_undone.clear();
    m_drawing = false;
}

} // namespace mimamori::web::ui
