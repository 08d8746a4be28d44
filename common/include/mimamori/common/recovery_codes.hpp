#pragma once
// Recovery codes for two-factor sign-in: one-time codes a person prints or writes down at TOTP
// enrolment and types when the phone is lost. Codes use an alphabet without the characters people
// confuse on paper (no 0/O, 1/I/L) and are shown in groups ("7KQM-W3XD-9HPA"). What a person
// types back is normalised first, so case, spaces, hyphens and a Japanese IME's full-width
// characters do not matter. The server stores only a hash of each normalised code and deletes it
// when used.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "mimamori/common/result.hpp"

namespace mimamori::recovery {

// 8 digits and 23 letters: 31 symbols, so a code carries 12 * log2(31) = 59 bits.
inline constexpr std::string_view alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
inline constexpr std::size_t code_length = 12; // symbols per code
inline constexpr std::size_t group_length = 4; // symbols between hyphens when shown
inline constexpr std::size_t default_count = 10;

// `count` distinct new codes, formatted for display ("XXXX-XXXX-XXXX").
std::vector<std::string> generate(std::size_t count = default_count);

// One new code of `length` symbols in canonical form (no separators). generate() uses it with
// code_length; longer codes serve where more entropy is needed (the family space's key recovery
// code, family_crypto/key_wrap.hpp).
std::string random_code(std::size_t length);

// A typed code in canonical form: code_length upper-case alphabet symbols, no separators (what
// the server hashes and compares). Accepts lower case, spaces, ASCII and Japanese hyphens or dashes
// (－ ー ‐ − …), full-width letters and digits. Anything else is an InvalidInput error naming the
// field "recovery_code".
Result<std::string> normalise(std::string_view typed);

// As normalise(), for a code of `length` symbols.
Result<std::string> normalise(std::string_view typed, std::size_t length);

// A canonical code in groups for display: "7KQMW3XD9HPA" -> "7KQM-W3XD-9HPA".
std::string format(std::string_view canonical);

} // namespace mimamori::recovery
