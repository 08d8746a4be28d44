#pragma once
// @mentions in memo text: "@tanaka_ns 体位変換をお願いします" names the team member whose login id
// is tanaka_ns. The full-width ＠ and full-width letters that a Japanese IME types are accepted
// (＠ｔａｎａｋａ is @tanaka). Whether the named login ids are members of the patient's team is
// the server's check; this only finds them.
//
// A mention is '@' or '＠' followed by a login id as validate::login_id() defines it (3..64 of
// a-z 0-9 . _ -, starting with a letter or a digit, case-insensitive), where:
//   - the '@' does not follow a letter, a digit or one of . _ - + % / : (so the domain of an e-mail
//     address such as nurse@example.jp, or a path in a URL, is not a mention); it may follow
//     Japanese text directly (「田中さん@tanaka」);
//   - the id runs to the first character that cannot be in a login id; a final '.' is taken as
//     the end of the sentence, not part of the id (「@tanaka.」 mentions tanaka);
//   - a token too short or too long for a login id is not a mention.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mimamori::mentions {

// One mention in a text: the normalised login id (ASCII, lower case) and the byte range it takes
// in the text, '@' included (for highlighting).
struct Mention {
    std::string login_id;
    std::size_t begin = 0;
    std::size_t end = 0;
    friend bool operator==(const Mention&, const Mention&) = default;
};

// Every mention in `text`, in order, repeats included.
std::vector<Mention> find_all(std::string_view text);

// The login ids mentioned in `text`, each once, in the order of their first mention.
std::vector<std::string> login_ids(std::string_view text);

} // namespace mimamori::mentions
