#pragma once
// Japanese full-text search by character bigrams. Japanese has no spaces between words, and the
// words clinicians look for are often two characters (褥瘡, 発熱, 吸引), which word-based and
// trigram indexes miss. So memo text is normalised, cut into overlapping pairs of characters,
// and the server keeps those pairs in a text[] column with a GIN index:
//
//   index:   memo.search_bigrams = search::bigrams(search::normalise(text))
//   query:   auto q = search::parse_query(user_input);            // InvalidInput if too short
//            WHERE search_bigrams @> q.bigrams                      (GIN narrows the candidates)
//            then search::matches(memo.search_text, q) on each one  (exact substring check)
//
// The second step is needed because bigrams alone over-match: 「褥瘡あり、瘡部…」 holds both
// bigrams of 「褥瘡部」 (褥瘡, 瘡部) but not the word. The server stores the normalised text next
// to the bigrams for that check.
//
// Normalisation (search::normalise):
//   - full-width ASCII to ASCII (ＡＢＣ１２３ -> abc123), the ideographic space to a space;
//   - half-width katakana to full-width (ｼﾞｮｸｿｳ -> ジョクソウ), kana with combining voicing
//     marks composed (macOS file names);
//   - ASCII letters to lower case;
//   - every run of white space (space, tab, CR, LF, U+3000) to one space, none at either end;
//   - kanji, hiragana and katakana kept as they are (ひらがな and カタカナ stay different:
//     じょくそう does not find ジョクソウ); malformed UTF-8 becomes U+FFFD.
//
// Bigrams (search::bigrams) are pairs of adjacent characters inside a run of "word" characters:
// white space and punctuation (ASCII punctuation, CJK punctuation and brackets such as 、。「」
// ・（）, general punctuation such as ※ … ‐) end a run, so no bigram spans 「。褥」 or 「a b」.
// Letters, digits, kana (ー included), kanji and other symbols are word characters, and a run may
// mix scripts (「CT検査」 -> ct, t検, 検査). A run of one character has no bigram.

#include <string>
#include <string_view>
#include <vector>

#include "mimamori/common/result.hpp"

namespace mimamori::search {

inline constexpr std::size_t max_query_chars = 200;
inline constexpr std::size_t max_query_terms = 8;

// The normalised form of `text` (rules above). Idempotent: normalise(normalise(x)) == normalise(x).
std::string normalise(std::string_view text);

// The distinct bigrams of already normalised text, sorted (byte order), each a two-character
// UTF-8 string.
std::vector<std::string> bigrams(std::string_view normalised);

// bigrams(normalise(text)): what the index column holds for a memo.
std::vector<std::string> index_bigrams(std::string_view text);

// A search as the user typed it, ready for the index: terms separated by white space must all be
// present (AND).
struct Query {
    std::vector<std::string> terms;   // normalised, distinct, in the order typed
    std::vector<std::string> bigrams; // every bigram of every term, distinct, sorted
};

// Parses a search box's text. InvalidInput naming `field` when, after normalisation, it is empty,
// longer than max_query_chars, has more than max_query_terms terms, or a term has fewer than two
// adjacent word characters ("at least 2 characters": a one-character search would match most
// memos and cannot use the index).
Result<Query> parse_query(std::string_view text, std::string_view field = "q");

// True when every term of `query` is a substring of `normalised` (the confirmation step).
bool matches(std::string_view normalised, const Query& query);

} // namespace mimamori::search
