#pragma once
// The writer's profession as a small picture before their name on the timeline: one icon per
// profession (assets/icons/professions/<code>.svg, served with the bundle as
// icons/professions/<code>.svg), rasterised by the browser at the size shown. Until the icons
// have loaded, a disc in the icon's colour with the profession's first letter stands in.

#include <string_view>

#include "mimamori/common/vocabulary.hpp"

namespace mimamori::web::ui {

// Draws the icon of the profession `code` (an unknown code: "other"), `size_em` em square, on the
// current line; the test hook reports it as an image whose value is the code and whose label is
// the profession's name in `lang`.
void profession_icon(std::string_view code, Lang lang, float size_em = 1.5f);

} // namespace mimamori::web::ui
