#pragma once
// UI text in Japanese (the default) and English. Each language has one table (ja.cpp, en.cpp)
// listing every message once; a table that misses or repeats a message does not compile.
// Text that comes from data (names, memos) is never translated here.

#include <cstddef>
#include <span>

#include "mimamori/common/vocabulary.hpp" // mimamori::Lang

namespace mimamori::web::i18n {

enum class Msg {
    AppName,
    AppTagline,
    LanguageJapanese,
    LanguageEnglish,
    NavHome,
    NavAbout,
    StatusTitle,
    StatusChecking,
    StatusServer,
    StatusDatabase,
    StatusOk,
    StatusServerUnreachable,
    StatusServerError,
    StatusDatabaseDown,
    StatusRetrying,
    StatusAppVersion,
    StatusServerVersion,
    StatusSchemaVersion,
    StatusRecheck,
    InputTitle,
    InputHelp,
    InputLabel,
    InputHint,
    InputCharacters,
    AboutTitle,
    AboutBody,
    AboutFamily,
    AboutFont,
    NotFoundTitle,
    NotFoundBody,
    BackHome,
    Count
};

struct Entry {
    Msg msg;
    const char* text;
};

// The text of `msg` in `lang`.
const char* tr(Lang lang, Msg msg);

// Every message of a language, for the font's glyph ranges.
std::span<const Entry> table(Lang lang);

// True when `entries` holds every message exactly once (checked at compile time by each table).
constexpr bool complete(std::span<const Entry> entries) {
    constexpr auto count = static_cast<std::size_t>(Msg::Count);
    if (entries.size() != count) return false;
    bool seen[count] = {};
    for (const Entry& e : entries) {
        const auto i = static_cast<std::size_t>(e.msg);
        if (i >= count || seen[i] || e.text == nullptr || e.text[0] == '\0') return false;
        seen[i] = true;
    }
    return true;
}

} // namespace mimamori::web::i18n
