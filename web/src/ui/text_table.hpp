#pragma once
// A layer's own UI texts in both languages, indexed by its enum of keys (files/files_text,
// family/family_text). The font builder gives headings every glyph of these tables too
// (ui/fonts.cpp), so a text may be used in any place the i18n/ messages can.

#include <cstddef>
#include <span>

#include "mimamori/common/vocabulary.hpp" // mimamori::Lang

namespace mimamori::web::ui {

template <class Key>
struct TextEntry {
    Key key;
    const char* ja;
    const char* en;
};

// Whether `table` lists every key of Key (0 .. Key::Count - 1) once, in order; for a static_assert.
template <class Key, std::size_t N>
constexpr bool lists_every_key_in_order(const TextEntry<Key> (&table)[N]) {
    if (N != static_cast<std::size_t>(Key::Count)) return false;
    for (std::size_t i = 0; i < N; ++i)
        if (static_cast<std::size_t>(table[i].key) != i) return false;
    return true;
}

template <class Key>
const char* text_of(std::span<const TextEntry<Key>> table, Lang lang, Key key) {
    const TextEntry<Key>& e = table[static_cast<std::size_t>(key)];
    return lang == Lang::En ? e.en : e.ja;
}

} // namespace mimamori::web::ui
