#include "mimamori/common/mentions.hpp"

#include <algorithm>

#include "mimamori/common/text.hpp"

namespace mimamori::mentions {
namespace {

constexpr std::size_t min_id = 3;
constexpr std::size_t max_id = 64;

// A character of a login id in its ASCII lower-case form, full-width forms folded; 0 otherwise.
char id_char(char32_t c) {
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0; // full-width ASCII
    if (c >= U'A' && c <= U'Z') c += U'a' - U'A';
    if ((c >= U'a' && c <= U'z') || (c >= U'0' && c <= U'9') || c == U'.' || c == U'_' || c == U'-')
        return static_cast<char>(c);
    return 0;
}

// Characters after which an '@' belongs to an address or a URL rather than starting a mention.
bool joins_previous(char32_t c) {
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
    const bool alnum = (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9');
    return alnum || c == U'.' || c == U'_' || c == U'-' || c == U'+' || c == U'%' || c == U'/' || c == U':' ||
           c == U'@' || c == 0xFF20;
}

bool is_at(char32_t c) { return c == U'@' || c == 0xFF20; }

} // namespace

std::vector<Mention> find_all(std::string_view text) {
    std::vector<Mention> found;
    char32_t previous = U' ';
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t at_begin = pos;
        const char32_t c = text::next_code_point(text, pos);
        if (!is_at(c) || joins_previous(previous)) {
            previous = c;
            continue;
        }
        // Read the id; remember where each character ended so a final '.' can be given back.
        std::string id;
        std::vector<std::size_t> ends;
        std::size_t scan = pos;
        while (scan < text.size()) {
            std::size_t next = scan;
            const char ch = id_char(text::next_code_point(text, next));
            if (ch == 0) break;
            id += ch;
            ends.push_back(next);
            scan = next;
        }
        while (!id.empty() && id.back() == '.') {
            id.pop_back();
            ends.pop_back();
        }
        const bool valid = id.size() >= min_id && id.size() <= max_id && id.front() != '.' && id.front() != '_' &&
                           id.front() != '-';
        if (valid) {
            found.push_back(Mention{id, at_begin, ends.back()});
            pos = ends.back();
            previous = U'a'; // an '@' right after a mention ("@abc@def") starts nothing
        } else {
            previous = c;
        }
    }
    return found;
}

std::vector<std::string> login_ids(std::string_view text) {
    std::vector<std::string> ids;
    for (auto& m : find_all(text))
        if (std::find(ids.begin(), ids.end(), m.login_id) == ids.end()) ids.push_back(std::move(m.login_id));
    return ids;
}

} // namespace mimamori::mentions
