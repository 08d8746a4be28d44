#pragma once
// A signature drawn with a finger, a pen or the mouse (the e-consent, issue 4). Every pointer
// position of a stroke is kept (runtime::pointer_samples, not only ImGui's one per frame), drawn
// as a smooth curve; a finger drag that starts on the pad draws instead of scrolling the screen.
// Strokes can be taken back one by one (and brought back), or cleared. The pad is sized in em
// with a fixed shape, and what is drawn keeps its shape when the pad is resized (a tablet
// rotated): points are kept relative to the pad's width.

#include <vector>

#include "imgui.h"
#include "mimamori/common/consent.hpp"
#include "mimamori/common/vocabulary.hpp"

namespace mimamori::web::ui {

class SignaturePad {
public:
    // Draws the pad at most `max_width_em` wide (narrower in a narrow column) with its buttons;
    // `label` names it for the test hook (kind "image", value: the number of strokes).
    void draw(Lang lang, const char* label, float max_width_em);

    // True while nothing that counts as a signature is drawn (no stroke of two points or more).
    bool empty() const;
    // The strokes as common/consent.hpp reads them, in CSS pixels of the pad as last drawn.
    consent::Signature signature() const;
    void clear();

private:
    using Stroke = std::vector<ImVec2>; // x in 0..1 of the width, y in 0..1/aspect

    void take_samples(const ImVec2& origin, float width, bool reachable);
    void draw_strokes(const ImVec2& origin, float width) const;
    void draw_buttons(Lang lang);
    std::size_t point_count() const;

    std::vector<Stroke> m_strokes;
    std::vector<Stroke> m_undone; // taken back, for "redo" (until a new stroke is drawn)
    bool m_drawing = false;       // the last stroke is still being drawn
    float m_width_css = 0.0f;     // the pad's width in CSS pixels when last drawn
};

} // namespace mimamori::web::ui
