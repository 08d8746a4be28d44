#include "i18n/i18n.hpp"

#include <array>

namespace mimamori::web::i18n {

std::span<const Entry> japanese_table(); // ja.cpp
std::span<const Entry> english_table();  // en.cpp

namespace {

using Texts = std::array<const char*, static_cast<std::size_t>(Msg::Count)>;

Texts index(std::span<const Entry> entries) {
    Texts texts{};
    for (const Entry& e : entries) texts[static_cast<std::size_t>(e.msg)] = e.text;
    return texts;
}

} // namespace

std::string fmt(std::string_view pattern, std::initializer_list<std::string_view> args) {
    std::string out;
    auto next = args.begin();
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern.compare(i, 2, "{}") == 0 && next != args.end()) {
            out += *next++;
            ++i;
        } else {
            out += pattern[i];
        }
    }
    return out;
}

std::span<const Entry> table(Lang lang) { return lang == Lang::Ja ? japanese_table() : english_table(); }

const char* tr(Lang lang, Msg msg) {
    static const Texts ja = index(japanese_table());
    static const Texts en = index(english_table());
    return (lang == Lang::Ja ? ja : en)[static_cast<std::size_t>(msg)];
}

} // namespace mimamori::web::i18n
